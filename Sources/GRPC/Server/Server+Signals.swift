import EventLoop

#if canImport(Glibc)
    import Glibc
#endif

extension Server {
    /// Shuts the server down gracefully on SIGTERM or SIGINT (what Kubernetes and Ctrl-C send),
    /// then stops watching, so the loop's `run()` returns once the last call has finished.
    /// Loop thread only; call after `start()`.
    public func shutDownOnSignals() {
        var watchers: [SignalWatcher] = []
        for signal in [SIGTERM, SIGINT] {
            watchers.append(
                SignalWatcher(loop: loop, signal: signal) { [unowned self] in
                    shutdown {
                        for watcher in watchers { watcher.close() }
                        watchers.removeAll()
                    }
                })
        }
    }
}
