internal import CSQLite
internal import Glibc
internal import Synchronization

/// Makes commits durable off the writer thread, and holds back every result that depends on a
/// commit until that commit is on disk.
///
/// Why: with `synchronous = FULL` SQLite fsyncs the WAL inside COMMIT, so the writer thread sat
/// idle for each batch's fsync (about a third of its time under load). Instead the write
/// connection runs with `synchronous = NORMAL` (COMMIT only writes the WAL; checkpoints still sync
/// both files) and this thread calls `fdatasync` on the WAL file while the writer already runs the
/// next batch. A write completes only after that fsync, so an acknowledged write still survives
/// power loss; one fsync covers every batch that committed while the previous one ran.
///
/// The catch is visibility: SQLite shows a commit to readers as soon as COMMIT returns, before it
/// is durable. So commits are numbered (`beginCommit`, called before COMMIT so a reader that can
/// see the commit also sees its number), and a read completes only once every commit it might
/// have seen is durable. No client is ever shown data a power cut could take back; the change
/// feed's commit notifications are sent from here too, after the fsync.
///
/// If the WAL file cannot be opened, the database keeps `synchronous = FULL` and this thread
/// only delivers results in order (`walDescriptor` is nil).
final class Syncer: @unchecked Sendable {
    private struct Batch {
        let generation: UInt64
        let jobs: [any Job<WriteTransaction>]
        let feedSequence: Int64?
    }

    private struct WaitingRead {
        let generation: UInt64
        let job: any Job<ReadTransaction>
    }

    private let lock = ConditionLock()
    // Guarded by `lock`:
    private var batches: [Batch] = []
    private var reads: [WaitingRead] = []
    private var durable: UInt64 = 0
    private var isClosing = false
    /// The thread has returned: later hand-overs (a writer finishing its queue after `close` was
    /// called from one of its own completions) are settled on the caller's thread.
    private var hasExited = false
    /// Set when an fsync failed: nothing written since can be promised durable, so every later
    /// result that depends on a commit fails with it (after an fsync error Linux may drop the
    /// dirty pages and report success next time; continuing would acknowledge lost writes).
    private var failure: StorageError?

    /// Commits begun; read by readers without the lock.
    private let begun = Atomic<UInt64>(0)
    private let walPath: String
    /// Only the syncer thread touches it after `init`.
    private var walDescriptor: Int32?
    private let notifier: FeedNotifier
    /// Tests only: runs before each fsync; a nonzero errno makes that fsync fail.
    let beforeSyncForTesting = Mutex<(@Sendable () -> Int32)?>(nil)

    /// `walDescriptor` is an open descriptor of the WAL file, or nil to rely on SQLite's own
    /// fsync at COMMIT.
    init(walPath: String, walDescriptor: Int32?, notifier: FeedNotifier) {
        self.walPath = walPath
        self.walDescriptor = walDescriptor
        self.notifier = notifier
    }

    deinit {
        if let walDescriptor { Glibc.close(walDescriptor) }
    }

    // MARK: Writer side

    /// Numbers the commit the writer is about to run. Call it before COMMIT, and hand the number
    /// to `committed` whatever COMMIT does.
    func beginCommit() -> UInt64 {
        begun.add(1, ordering: .sequentiallyConsistent).newValue
    }

    /// The batch's COMMIT returned: its `jobs` complete (and `feedSequence`, if it added events,
    /// is announced) once the commit is durable. A batch that wrote nothing, or whose COMMIT
    /// failed, comes here too, its jobs failed and no sequence given: a failure can reveal an
    /// earlier commit that is not durable yet.
    func committed(_ generation: UInt64, jobs: [any Job<WriteTransaction>], feedSequence: Int64?) {
        let batch = Batch(generation: generation, jobs: jobs, feedSequence: feedSequence)
        let exited = lock.withLock {
            if !hasExited {
                batches.append(batch)
                lock.signal()
            }
            return hasExited
        }
        if exited { settle([batch], upTo: generation) }
    }

    /// Blocks until commit `generation` is durable, durability has failed, or the thread has
    /// exited: the writer's wait between transactions when group commit is off
    /// (`maxBatchSize` 1), so that each write then costs a transaction and a fsync of its own.
    func waitUntilDurable(_ generation: UInt64) {
        lock.withLock {
            while durable < generation && failure == nil && !hasExited { lock.wait() }
        }
    }

    // MARK: Reader side

    /// Completes `job`, a read that has just ended, once every commit it may have seen is
    /// durable: at once if none is pending.
    func deliver(_ job: any Job<ReadTransaction>) {
        // Read after the transaction: any commit visible to it had begun (and been numbered)
        // before the snapshot was taken.
        let generation = begun.load(ordering: .sequentiallyConsistent)
        let (ready, broken): (Bool, StorageError?) = lock.withLock {
            if let failure { return (true, failure) }
            if durable >= generation || isClosing { return (true, nil) }
            reads.append(WaitingRead(generation: generation, job: job))
            return (false, nil)
        }
        if let broken { job.fail(broken) }
        if ready { job.complete() }
    }

    /// The fsync failure that ended durability, if any: the writer fails new batches with it
    /// rather than commit what it could not acknowledge.
    var failed: StorageError? {
        lock.withLock { failure }
    }

    // MARK: The syncer thread

    /// Runs until `close` and everything committed before it is delivered.
    func run() {
        while true {
            let (taken, exiting) = lock.withLock {
                while batches.isEmpty && !isClosing { lock.wait() }
                // Decided under the lock, so a batch handed over later is settled by its caller.
                if batches.isEmpty { hasExited = true }
                defer { batches.removeAll(keepingCapacity: true) }
                return (batches, hasExited)
            }
            if let newest = taken.last?.generation { settle(taken, upTo: newest) }
            if exiting {
                releaseWaitingReads()
                return
            }
        }
    }

    /// Refuses nothing by itself; the writer and readers must have stopped handing work over.
    /// The thread delivers what it holds and exits.
    func close() {
        lock.withLock {
            isClosing = true
            lock.broadcast()
        }
    }

    private func settle(_ taken: [Batch], upTo generation: UInt64) {
        let error = sync()
        let releasedReads: [WaitingRead] = lock.withLock {
            if failure == nil, let error { failure = error }
            durable = max(durable, generation)
            lock.broadcast()  // a writer in waitUntilDurable
            let (ready, waiting) = reads.partitioned { $0.generation <= durable }
            reads = waiting
            return ready
        }
        let broken = lock.withLock { failure }
        if broken == nil, let newest = taken.last(where: { $0.feedSequence != nil })?.feedSequence {
            notifier.publish(newest)
        }
        for batch in taken {
            for job in batch.jobs {
                if let broken { job.fail(broken) }
                job.complete()
            }
        }
        for read in releasedReads {
            if let broken { read.job.fail(broken) }
            read.job.complete()
        }
    }

    /// Reads still waiting at shutdown: everything was synced by the last `settle`.
    private func releaseWaitingReads() {
        let waiting = lock.withLock {
            defer { reads = [] }
            return reads
        }
        for read in waiting { read.job.complete() }
    }

    /// fdatasync on the WAL; nil on success.
    private func sync() -> StorageError? {
        if let hook = beforeSyncForTesting.withLock({ $0 }), case let code = hook(), code != 0 {
            return failedSync(errno: code)
        }
        guard var descriptor = walDescriptor else { return nil }
        // SQLite deletes the WAL only when the last connection closes, which our writer's never
        // does while it runs; if the file was replaced anyway, sync the one SQLite now writes.
        var status = stat()
        if fstat(descriptor, &status) == 0, status.st_nlink == 0 {
            let reopened = open(walPath, O_RDONLY | O_CLOEXEC)
            if reopened >= 0 {
                Glibc.close(descriptor)
                descriptor = reopened
                walDescriptor = reopened
            }
        }
        var result: Int32
        repeat { result = fdatasync(descriptor) } while result != 0 && errno == EINTR
        return result == 0 ? nil : failedSync(errno: errno)
    }

    private func failedSync(errno code: Int32) -> StorageError {
        StorageError.sqlite(
            code: SQLITE_IOERR | (4 << 8),  // SQLITE_IOERR_FSYNC, a macro Swift does not import
            message: "fdatasync of \(walPath) failed (errno \(code)): writes since are not known to be durable",
            sql: nil)
    }
}

extension Array {
    /// The elements that satisfy `belongs`, and the rest, each in their original order.
    fileprivate func partitioned(by belongs: (Element) -> Bool) -> ([Element], [Element]) {
        var matching: [Element] = []
        var rest: [Element] = []
        for element in self {
            if belongs(element) { matching.append(element) } else { rest.append(element) }
        }
        return (matching, rest)
    }
}
