public import EventLoop
public import GRPCCore

extension Server {
    /// Starts serving without binding a port: connections come only from ``serve(_:)`` endpoints
    /// and ``connectInProcess()``, so the server opens no socket. Loop thread only.
    public func startWithoutListener() {
        loop.assertInEventLoop()
        precondition(state == .idle, "a server starts once")
        beginServing()
    }

    /// Lets channels to `endpoint` reach this server, from now on. Connections open only while
    /// the server is serving (after `start()` or ``startWithoutListener()``). Loop thread only.
    public func serve(_ endpoint: InProcessEndpoint) {
        loop.assertInEventLoop()
        precondition(endpoint.loop === loop, "an in-process endpoint is served on its own loop")
        precondition(endpoint.server == nil || endpoint.server === self, "an endpoint has one server")
        endpoint.server = self
    }

    /// Opens a connection from inside the process and returns the client's end of it: the server
    /// serves the other end as it would an accepted TCP connection. Both ends are on the server's
    /// loop. For speaking raw HTTP/2 to the server; channels use ``serve(_:)`` endpoints.
    /// Throws UNAVAILABLE unless the server is serving. Loop thread only.
    public func connectInProcess() throws(RPCError) -> InProcessByteStream {
        loop.assertInEventLoop()
        guard state == .serving else {
            throw RPCError(code: .unavailable, message: "the server is not serving (\(state))")
        }
        let (client, server) = InProcessByteStream.makePair(loop: loop)
        accept(server)
        return client
    }
}
