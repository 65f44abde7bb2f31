internal import EventLoop

#if canImport(Glibc)
    internal import Glibc
#endif

extension ServiceHost {
    /// Shuts down in order on SIGTERM or SIGINT (what Kubernetes and Ctrl-C send), then stops
    /// watching and calls `completion` (the binary stops its loop there: the last steps of a
    /// shutdown hop back to the loop from other threads, so the loop must not end by itself when
    /// its handles are gone). Loop thread only.
    public func shutDownOnSignals(completion: @escaping () -> Void = {}) {
        var watchers: [SignalWatcher] = []
        for signal in [SIGTERM, SIGINT] {
            watchers.append(
                SignalWatcher(loop: loop, signal: signal) { [unowned self] in
                    shutdown {
                        for watcher in watchers { watcher.close() }
                        watchers.removeAll()
                        completion()
                    }
                })
        }
    }
}
