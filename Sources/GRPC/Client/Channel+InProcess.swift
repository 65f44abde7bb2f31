extension Channel {
    /// A channel to the server that serves `endpoint` (``Server/serve(_:)``), with no socket: its
    /// HTTP/2 connection runs over an in-memory byte stream on the endpoint's loop, which the
    /// channel shares. Like any channel it connects on the first call and reconnects after the
    /// server closes the connection (an idle timeout, a GOAWAY); calls made while nothing serves
    /// the endpoint fail with UNAVAILABLE, then back off as after a refused TCP connection.
    public convenience init(inProcess endpoint: InProcessEndpoint, configuration: Configuration = Configuration()) {
        self.init(
            target: .inProcess(endpoint), authority: "in-process", configuration: configuration, loop: endpoint.loop,
            ownedThread: nil)
    }
}
