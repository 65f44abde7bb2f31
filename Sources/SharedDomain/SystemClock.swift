#if canImport(Glibc)
    internal import Glibc
#endif

/// The real wall clock (CLOCK_REALTIME).
public struct SystemClock: WallClock {
    public init() {}

    public func now() -> Instant {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Instant(seconds: Int64(spec.tv_sec), nanos: Int32(spec.tv_nsec))
    }
}
