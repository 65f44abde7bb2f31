import EventLoop
import Synchronization
import Testing

/// Work handed to a loop after it closed: late clean-up from a task that outlived its channel
/// (a follower's `call.cancel()` after the channel's loop thread ended) used to write to the freed
/// uv_async_t and crash the process.
@Suite struct ClosedLoopTests {
    @Test func workFromAnotherThreadAfterCloseIsDroppedWithoutTouchingTheLoop() async {
        let thread = EventLoopThread()
        let loop = thread.loop
        let ran = Mutex(0)
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            loop.execute {
                ran.withLock { $0 += 1 }
                done.resume()
            }
        }
        #expect(thread.shutDown())
        for _ in 0..<100 { loop.execute { ran.withLock { $0 += 1 } } }
        #expect(ran.withLock { $0 } == 1)
    }
}
