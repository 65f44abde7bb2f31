/// When the server gives freed heap memory back to the kernel (``EventLoop/ProcessHeap``).
///
/// glibc keeps what a closed connection freed and reuses it, which is right in steady state but
/// leaves RSS at the peak of a burst (hundreds of MiB after clients that drop mid-response). A
/// trim costs a walk of malloc's free lists, so it runs only once closed connections have freed
/// enough to matter, and at most once per housekeeping tick (a second), after a burst rather
/// than inside it.
struct HeapTrimPolicy {
    /// Freed bytes that are worth a trim.
    static let threshold = 8 << 20
    /// What a connection costs besides its output, roughly: its 64 KiB read buffer, the nghttp2
    /// session and call state (about 100 KiB per connection measured with malloc_stats).
    static let connectionFootprint = 96 << 10

    private var freedSinceTrim = 0

    mutating func connectionClosed(peakQueuedOutputBytes: Int) {
        freedSinceTrim += Self.connectionFootprint + peakQueuedOutputBytes
    }

    /// Called once per housekeeping tick; true when a trim is due now.
    mutating func trimIsDue() -> Bool {
        guard freedSinceTrim >= Self.threshold else { return false }
        freedSinceTrim = 0
        return true
    }
}
