/// State of the batch the writer is running; touched on the writer thread only.
final class WriteBatch {
    /// Milliseconds since 1970 when the batch began.
    var timestamp: Int64 = 0
    /// The highest feed sequence number written so far, committed or in this batch.
    var lastSequence: Int64

    init(lastSequence: Int64) {
        self.lastSequence = lastSequence
    }
}
