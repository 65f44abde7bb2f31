public import EventLoop
import GRPCCore

/// Where a server can be reached from inside its own process, with no socket: the server serves
/// it (``Server/serve(_:)``) and channels dial it (``Channel/init(inProcess:configuration:)``).
/// Calls still go through HTTP/2 framing, HPACK, flow control, deadlines and status trailers,
/// exactly as over TCP; only the bytes travel in memory on the endpoint's loop.
///
/// It exists apart from the server so that it can be made first: services a server hosts can be
/// handed channels to one another before the server that hosts them exists.
///
///     let loop = EventLoop()
///     let local = InProcessEndpoint(loop: loop)
///     let caller = CallerService(intake: IntakeClient(channel: Channel(inProcess: local)))
///     let server = Server(loop: loop, services: [IntakeService(...), caller])
///     server.serve(local)
///     try server.start()  // or startWithoutListener(), to serve only in-process
public final class InProcessEndpoint: @unchecked Sendable {  // `server` is used on the loop thread only
    /// The loop of the server that serves the endpoint, and of every channel to it.
    public let loop: EventLoop
    weak var server: Server?

    public init(loop: EventLoop) {
        self.loop = loop
    }

    /// A new connection to the server. Loop thread only.
    func connect() throws(RPCError) -> InProcessByteStream {
        loop.assertInEventLoop()
        guard let server else {
            throw RPCError(code: .unavailable, message: "no server serves this in-process endpoint")
        }
        return try server.connectInProcess()
    }
}
