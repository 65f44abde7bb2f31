internal import CMalloc

/// The process's C heap (glibc malloc), which every Swift allocation comes from.
public enum ProcessHeap {
    /// Gives the kernel back the free pages of every malloc arena (`malloc_trim(0)`), not only
    /// the top of each heap as free() does. glibc keeps freed memory for reuse, and one small
    /// block still in use near the top pins everything below it, so after a burst of large
    /// buffers RSS otherwise stays at the burst's peak. The cost is a walk of the free lists
    /// and an madvise per free run: call it after much was freed, not per free.
    ///
    /// Returns whether any memory was given back.
    @discardableResult
    public static func releaseFreeMemory() -> Bool {
        malloc_trim(0) != 0
    }
}
