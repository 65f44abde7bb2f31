extension Database {
    /// Tuning knobs; the defaults suit a service.
    public struct Options: Sendable {
        /// Read-only connections, each on its own thread.
        public var readers: Int
        /// How long a statement waits for a lock held by another connection or process before
        /// failing with `StorageError.locked`.
        public var busyTimeout: Duration
        /// The most write requests one transaction holds. 1 turns group commit off: one
        /// transaction, and one fsync, per write, the writer waiting for each fsync before the
        /// next transaction (for comparison in benchmarks).
        public var maxBatchSize: Int
        /// The most memory the writer's page cache may hold, in KiB; it grows only as pages are
        /// touched. SQLite's own default is 2,000 KiB, which a replay outgrows. The readers keep
        /// the default: setting theirs at open made them touch the database before any read, and
        /// a refused open then changed the main file (the writer's close no longer found the WAL
        /// checkpointed; MigrationTests caught it).
        public var writerCacheKiB: Int

        public init(
            readers: Int = 2, busyTimeout: Duration = .seconds(5), maxBatchSize: Int = 512,
            writerCacheKiB: Int = 65_536
        ) {
            precondition(writerCacheKiB > 0, "a page cache holds at least one page")
            self.readers = readers
            self.busyTimeout = busyTimeout
            self.maxBatchSize = maxBatchSize
            self.writerCacheKiB = writerCacheKiB
        }
    }
}
