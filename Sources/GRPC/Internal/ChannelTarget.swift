import EventLoop

/// What a channel connects to: a server's TCP address, or a server in this process. Everything
/// above the byte stream is the same for both.
enum ChannelTarget: CustomStringConvertible {
    case socket(SocketAddress)
    case inProcess(InProcessEndpoint)

    var description: String {
        switch self {
        case .socket(let address): "\(address)"
        case .inProcess: "the in-process endpoint"
        }
    }
}
