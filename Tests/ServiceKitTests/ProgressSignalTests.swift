import ServiceKit
import Synchronization
import Testing

@Suite struct ProgressSignalTests {
    @Test func aSignalAfterTheGenerationWasReadEndsTheWaitAtOnce() async {
        let signal = ProgressSignal()
        let seen = signal.generation
        signal.signal()
        let start = ContinuousClock.now
        await signal.wait(after: seen, atMost: .seconds(30))
        #expect(ContinuousClock.now - start < .seconds(10))
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
                    await signal.wait(after: seen, atMost: .seconds(30))
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
        let start = ContinuousClock.now
        let waiting = Task { await signal.wait(after: signal.generation, atMost: .seconds(30)) }
        try? await Task.sleep(for: .milliseconds(20))
        waiting.cancel()
        await waiting.value
        #expect(ContinuousClock.now - start < .seconds(10))
    }
}

private final class Woken: Sendable {
    let count = Mutex(0)
}
