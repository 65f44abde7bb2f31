import ServiceKit
import Synchronization
import Testing

/// A wait that should end on a signal or a cancellation is given an hour: it ends only if the
/// signal or the cancellation ends it, and the time limit turns a wait that never ends into a
/// failure. No upper bound on elapsed time is asserted: on a loaded machine the test process's
/// thread pool can stall for seconds, which says nothing about the signal.
@Suite(.timeLimit(.minutes(2))) struct ProgressSignalTests {
    static let hour = Duration.seconds(3600)

    @Test func aSignalAfterTheGenerationWasReadEndsTheWaitAtOnce() async {
        let signal = ProgressSignal()
        let seen = signal.generation
        signal.signal()
        await signal.wait(after: seen, atMost: Self.hour)
        #expect(signal.generation == seen + 1)
    }

    @Test func aWaitEndsAtItsLimitWithoutASignal() async {
        let signal = ProgressSignal()
        let start = ContinuousClock.now
        await signal.wait(after: signal.generation, atMost: .milliseconds(30))
        #expect(ContinuousClock.now - start >= .milliseconds(30))
        #expect(signal.generation == 0)
    }

    @Test func everyWaiterWakesOnASignal() async {
        let signal = ProgressSignal()
        let woken = Woken()
        let seen = signal.generation
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    await signal.wait(after: seen, atMost: Self.hour)
                    woken.count.withLock { $0 += 1 }
                }
            }
            // Signal until all have woken: a waiter that registered after a signal still sees
            // the generation moved, so each signal is enough for those that were waiting.
            while woken.count.withLock({ $0 }) < 8 {
                try? await Task.sleep(for: .milliseconds(5))
                signal.signal()
            }
        }
        #expect(woken.count.withLock { $0 } == 8)
    }

    @Test func aCancelledWaitReturnsBeforeItsLimit() async {
        let signal = ProgressSignal()
        let waiting = Task { await signal.wait(after: signal.generation, atMost: Self.hour) }
        try? await Task.sleep(for: .milliseconds(20))
        waiting.cancel()
        await waiting.value
        #expect(signal.generation == 0)
    }
}

private final class Woken: Sendable {
    let count = Mutex(0)
}
