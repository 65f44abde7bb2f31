/// One reader thread's loop: each request runs in a deferred read transaction on this thread's
/// read-only connection, so it sees exactly one committed snapshot; its result is delivered once
/// that snapshot is durable (see Syncer).
final class Reader {
    private let queue: RequestQueue<ReadTransaction>
    private let connection: Connection
    private let syncer: Syncer

    init(queue: RequestQueue<ReadTransaction>, connection: Connection, syncer: Syncer) {
        self.queue = queue
        self.connection = connection
        self.syncer = syncer
    }

    /// Runs until the queue is closed and drained; the connection closes when the loop ends.
    func run() {
        connection.adopt()
        while let jobs = queue.take(upTo: 1) {
            for job in jobs { runRead(job) }
        }
    }

    private func runRead(_ job: any Job<ReadTransaction>) {
        do {
            try connection.control("BEGIN DEFERRED")
        } catch {
            job.fail(error)
            job.complete()
            return
        }
        _ = job.perform(ReadTransaction(scope: TransactionScope(connection: connection)))
        connection.endTransactionBody()
        if connection.isInsideTransaction { try? connection.control("ROLLBACK") }
        syncer.deliver(job)
    }
}
