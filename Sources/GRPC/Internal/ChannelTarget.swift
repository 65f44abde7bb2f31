import EventLoop

/// What a channel connects to: a server's TCP address, a host name resolved at every connect,
/// or a server in this process. Everything above the byte stream is the same for all three.
enum ChannelTarget: CustomStringConvertible {
    case socket(SocketAddress)
    case named(host: String, port: Int)
    case inProcess(InProcessEndpoint)

    var description: String {
        switch self {
        case .socket(let address): "\(address)"
        case .named(let host, let port): "\(host):\(port)"
        case .inProcess: "the in-process endpoint"
        }
    }
}
