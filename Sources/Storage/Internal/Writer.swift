internal import Synchronization

/// The writer thread's loop: group commit over the one write connection.
///
/// It takes every request waiting (up to `maxBatchSize`) without waiting for more, so a lone
/// request goes straight through; under load, requests pile up while a COMMIT is syncing and the
/// next batch takes them all, so one fsync covers many requests. Requests run without savepoints
/// of their own unless one fails after writing (`runDirectly`); the batch commits once; the
/// requests complete when the Syncer has made that commit durable, while this thread goes on
/// with the next batch.
final class Writer {
    private let queue: RequestQueue<WriteTransaction>
    private let connection: Connection
    private let batch: WriteBatch
    private let maxBatchSize: Int
    private let syncer: Syncer
    private let statistics: StatisticsRecorder

    init(
        queue: RequestQueue<WriteTransaction>, connection: Connection, lastSequence: Int64, maxBatchSize: Int,
        syncer: Syncer, statistics: StatisticsRecorder
    ) {
        self.queue = queue
        self.connection = connection
        self.batch = WriteBatch(lastSequence: lastSequence)
        self.maxBatchSize = maxBatchSize
        self.syncer = syncer
        self.statistics = statistics
    }

    /// Runs until the queue is closed and drained; the connection closes when the loop ends.
    func run() {
        connection.adopt()
        while let jobs = queue.take(upTo: maxBatchSize) {
            runBatch(jobs)
        }
    }

    private func runBatch(_ jobs: [any Job<WriteTransaction>]) {
        if let failure = syncer.failed {
            finish(jobs, failingWith: failure)
            return
        }
        let committedSequence = batch.lastSequence
        batch.timestamp = WallClock.milliseconds()
        do {
            try connection.control("BEGIN IMMEDIATE")
        } catch {
            finish(jobs, failingWith: error)
            return
        }
        var succeeded: [any Job<WriteTransaction>] = []
        var isolated = false
        var index = 0
        while index < jobs.count {
            let job = jobs[index]
            switch isolated ? runInSavepoint(job) : runDirectly(job) {
            case .succeeded:
                succeeded.append(job)
            case .failed:
                break
            case .needsIsolation:
                // A request failed after it had written: only a savepoint could undo its writes
                // alone. Undo the whole transaction and run the batch again, this time each
                // request in its own savepoint (the slow path; requests rarely fail this late).
                rollBack(to: committedSequence)
                do {
                    try connection.control("BEGIN IMMEDIATE")
                } catch {
                    finish(jobs, failingWith: error)
                    return
                }
                succeeded.removeAll()
                isolated = true
                statistics.counters.withLock { $0.rerunBatches += 1 }
                index = 0
                continue
            case .batchLost(let error):
                // SQLite rolled the whole transaction back (I/O error, disk full…): nothing of
                // this batch is written. The requests not yet run go back to the queue.
                rollBack(to: committedSequence)
                queue.requeue(jobs[(index + 1)...])
                for done in succeeded { done.fail(error) }
                finish(Array(jobs[...index]), failingWith: nil)
                return
            }
            index += 1
        }
        // Numbered before COMMIT (see Syncer). Even a batch that only failed completes through
        // the syncer: a failure such as "already exists" can reveal an earlier batch's commit
        // that is not durable yet.
        let generation = syncer.beginCommit()
        if !succeeded.isEmpty {
            do {
                try connection.control("COMMIT")
                count(jobs, committed: succeeded.count)
                let feedSequence = batch.lastSequence > committedSequence ? batch.lastSequence : nil
                syncer.committed(generation, jobs: jobs, feedSequence: feedSequence)
                // Group commit off: no next transaction before this one's fsync, or a fsync
                // that happened to cover several would make the comparison meaningless.
                if maxBatchSize == 1 { syncer.waitUntilDurable(generation) }
                return
            } catch {
                for job in succeeded { job.fail(error) }
            }
        }
        // Every request failed, or COMMIT did: nothing of the batch is written.
        rollBack(to: committedSequence)
        count(jobs, committed: 0)
        syncer.committed(generation, jobs: jobs, feedSequence: nil)
    }

    /// Undoes the open transaction, if SQLite has not already, and forgets its feed numbers.
    private func rollBack(to committedSequence: Int64) {
        if connection.isInsideTransaction { try? connection.control("ROLLBACK") }
        batch.lastSequence = committedSequence
    }

    private enum Outcome {
        case succeeded
        case failed
        /// Failed, but not before changing rows: its batch must run again with savepoints.
        case needsIsolation
        case batchLost(any Error)
    }

    /// Runs a request without a savepoint of its own. Most requests either succeed or fail
    /// before they write (a lookup, a version check, a statement whose constraint fails is
    /// undone by SQLite itself), and a savepoint per request cost a fifth of the writer's time:
    /// SQLite copies every page a request touches into the savepoint's journal. If a request
    /// fails after changing rows, it reports `needsIsolation` and the batch runs again the
    /// careful way; that is why a write body may run more than once (Database.write).
    private func runDirectly(_ job: any Job<WriteTransaction>) -> Outcome {
        let changesBefore = connection.totalChangedRowCount
        let succeeded: Bool
        switch runBody(job) {
        case .success(let result): succeeded = result
        case .failure(let error): return .batchLost(error)
        }
        if succeeded && !connection.hasDeferredForeignKeyViolations { return .succeeded }
        // A deferred foreign-key violation is left in the transaction until undone: isolate too.
        let wroteNothing = connection.totalChangedRowCount == changesBefore
        if !succeeded && wroteNothing && !connection.hasDeferredForeignKeyViolations { return .failed }
        return .needsIsolation
    }

    private func runInSavepoint(_ job: any Job<WriteTransaction>) -> Outcome {
        let sequenceBefore = batch.lastSequence
        do {
            try connection.control("SAVEPOINT request")
        } catch {
            job.fail(error)
            return .batchLost(error)
        }
        var succeeded: Bool
        switch runBody(job) {
        case .success(let result): succeeded = result
        case .failure(let error): return .batchLost(error)
        }
        if succeeded && connection.hasDeferredForeignKeyViolations {
            // Caught here, the violation fails this request alone instead of the batch's COMMIT.
            job.fail(StorageError.constraint(.foreignKey, message: "deferred FOREIGN KEY constraint failed", sql: nil))
            succeeded = false
        }
        do {
            if !succeeded {
                try connection.control("ROLLBACK TO request")
                batch.lastSequence = sequenceBefore
            }
            try connection.control("RELEASE request")
        } catch {
            job.fail(error)
            return .batchLost(error)
        }
        return succeeded ? .succeeded : .failed
    }

    /// Runs the request's body in the open transaction: whether it succeeded, or the error if
    /// SQLite rolled the whole transaction back meanwhile (I/O error, disk full…).
    private func runBody(_ job: any Job<WriteTransaction>) -> Result<Bool, StorageError> {
        let succeeded = job.perform(WriteTransaction(scope: TransactionScope(connection: connection), batch: batch))
        connection.endTransactionBody()
        guard connection.isInsideTransaction else {
            let error = StorageError.sqlite(
                code: 0, message: "SQLite rolled back the transaction after an error in a write", sql: nil)
            if succeeded { job.fail(error) }
            return .failure(error)
        }
        return .success(succeeded)
    }

    /// Completes a batch that committed nothing: its outcome needs no fsync.
    private func finish(_ jobs: [any Job<WriteTransaction>], failingWith error: (any Error)?) {
        if let error {
            for job in jobs { job.fail(error) }
        }
        count(jobs, committed: 0)
        for job in jobs { job.complete() }
    }

    private func count(_ jobs: [any Job<WriteTransaction>], committed: Int) {
        statistics.counters.withLock { statistics in
            if committed > 0 {
                statistics.commits += 1
                statistics.largestBatch = max(statistics.largestBatch, committed)
            }
            statistics.committedRequests += committed
            statistics.failedRequests += jobs.count - committed
        }
    }
}
