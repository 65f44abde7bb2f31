internal import EventLoop

#if canImport(Glibc)
    internal import Glibc
#endif

extension ServiceHost {
    /// Shuts down in order on SIGTERM or SIGINT (what Kubernetes and Ctrl-C send), then stops
    /// watching, so the loop's `run()` returns once everything is closed. Loop thread only.
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
