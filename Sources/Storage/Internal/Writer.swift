internal import Synchronization

/// The writer thread's loop: group commit over the one write connection.
///
/// It takes every request waiting (up to `maxBatchSize`) without waiting for more, so a lone
/// request goes straight through; under load, requests pile up while a COMMIT is syncing and the
/// next batch takes them all, so one fsync covers many requests. Each request runs in its own
/// savepoint; the batch commits once; the requests complete when the Syncer has made that commit
/// durable, while this thread goes on with the next batch.
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
            finish(jobs, committed: 0, failingWith: failure)
            return
        }
        let committedSequence = batch.lastSequence
        batch.timestamp = WallClock.milliseconds()
        do {
            try connection.control("BEGIN IMMEDIATE")
        } catch {
            finish(jobs, committed: 0, failingWith: error)
            return
        }
        var succeeded: [any Job<WriteTransaction>] = []
        for (index, job) in jobs.enumerated() {
            switch runInSavepoint(job) {
            case .succeeded:
                succeeded.append(job)
            case .failed:
                break
            case .batchLost(let error):
                // SQLite rolled the whole transaction back (I/O error, disk full…): nothing of
                // this batch is written. The requests not yet run go back to the queue.
                if connection.isInsideTransaction { try? connection.control("ROLLBACK") }
                batch.lastSequence = committedSequence
                queue.requeue(jobs[(index + 1)...])
                for done in succeeded { done.fail(error) }
                finish(Array(jobs[...index]), committed: 0, failingWith: nil)
                return
            }
        }
        // Numbered before COMMIT (see Syncer). Even a batch that only failed completes through
        // the syncer: a failure such as "already exists" can reveal an earlier batch's commit
        // that is not durable yet.
        let generation = syncer.beginCommit()
        guard !succeeded.isEmpty else {
            try? connection.control("ROLLBACK")
            count(jobs, committed: 0)
            syncer.committed(generation, jobs: jobs, feedSequence: nil)
            return
        }
        do {
            try connection.control("COMMIT")
        } catch {
            if connection.isInsideTransaction { try? connection.control("ROLLBACK") }
            batch.lastSequence = committedSequence
            for job in succeeded { job.fail(error) }
            count(jobs, committed: 0)
            syncer.committed(generation, jobs: jobs, feedSequence: nil)
            return
        }
        count(jobs, committed: succeeded.count)
        syncer.committed(
            generation, jobs: jobs, feedSequence: batch.lastSequence > committedSequence ? batch.lastSequence : nil)
    }

    private enum Outcome {
        case succeeded
        case failed
        case batchLost(any Error)
    }

    private func runInSavepoint(_ job: any Job<WriteTransaction>) -> Outcome {
        let sequenceBefore = batch.lastSequence
        do {
            try connection.control("SAVEPOINT request")
        } catch {
            job.fail(error)
            return .batchLost(error)
        }
        var succeeded = job.perform(WriteTransaction(scope: TransactionScope(connection: connection), batch: batch))
        connection.endTransactionBody()
        if succeeded && connection.hasDeferredForeignKeyViolations {
            // Caught here, the violation fails this request alone instead of the batch's COMMIT.
            job.fail(StorageError.constraint(.foreignKey, message: "deferred FOREIGN KEY constraint failed", sql: nil))
            succeeded = false
        }
        guard connection.isInsideTransaction else {
            let error = StorageError.sqlite(
                code: 0, message: "SQLite rolled back the transaction after an error in a write", sql: nil)
            if succeeded { job.fail(error) }
            return .batchLost(error)
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

    /// Completes a batch that committed nothing: its outcome needs no fsync.
    private func finish(_ jobs: [any Job<WriteTransaction>], committed: Int, failingWith error: (any Error)?) {
        if let error {
            for job in jobs { job.fail(error) }
        }
        count(jobs, committed: committed)
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
