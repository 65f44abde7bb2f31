extension Database {
    /// Tuning knobs; the defaults suit a service.
    public struct Options: Sendable {
        /// Read-only connections, each on its own thread.
        public var readers: Int
        /// How long a statement waits for a lock held by another connection or process before
        /// failing with `StorageError.locked`.
        public var busyTimeout: Duration
        /// The most write requests one transaction holds. 1 turns group commit off: one
        /// transaction, and one fsync, per write (for comparison in benchmarks).
        public var maxBatchSize: Int

        public init(readers: Int = 2, busyTimeout: Duration = .seconds(5), maxBatchSize: Int = 512) {
            self.readers = readers
            self.busyTimeout = busyTimeout
            self.maxBatchSize = maxBatchSize
        }
    }
}
