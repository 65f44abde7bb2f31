import EventLoop
import Testing

/// The in-memory byte stream pair on its own, without HTTP/2 on top.
@Suite struct InProcessByteStreamTests {
    /// Runs `body` on a fresh loop thread; it calls `done` (on the loop, possibly turns later)
    /// with what it saw, after closing every handle it opened.
    private func onFreshLoop<T: Sendable>(
        _ body: @escaping @Sendable (EventLoop, _ done: @escaping (T) -> Void) -> Void
    ) async -> (T, closedCleanly: Bool) {
        let thread = EventLoopThread()
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<T, Never>) in
            thread.loop.execute { body(thread.loop) { continuation.resume(returning: $0) } }
        }
        return (result, thread.shutDown())
    }

    struct Delivery: Sendable {
        var accepted = false
        var readInsideWrite = false
        var queuedAfterWrite = 0
        var received: [UInt8] = []
        var queuedOnceRead = -1
        var drained = 0
    }

    @Test func writesArriveOnALaterTurnAndNeverInsideWrite() async {
        let (delivery, clean) = await onFreshLoop { (loop, done: @escaping (Delivery) -> Void) in
            let (a, b) = InProcessByteStream.makePair(loop: loop)
            var delivery = Delivery()
            a.onWritesDrained = { delivery.drained += 1 }
            b.onRead = { bytes in
                delivery.received += bytes
                delivery.queuedOnceRead = a.queuedWriteBytes
                loop.executeInTurn {
                    a.close()
                    b.close()
                    done(delivery)
                }
            }
            b.startReading()
            delivery.accepted = ([1, 2, 3] as [UInt8]).withUnsafeBytes { a.write($0) }
            delivery.readInsideWrite = !delivery.received.isEmpty
            delivery.queuedAfterWrite = a.queuedWriteBytes
        }
        #expect(delivery.accepted)
        #expect(!delivery.readInsideWrite)
        #expect(delivery.queuedAfterWrite == 3, "unread bytes count as queued for the writer")
        #expect(delivery.received == [1, 2, 3])
        #expect(delivery.queuedOnceRead == 0)
        #expect(delivery.drained == 1)
        #expect(clean, "both ends' handles were closed")
    }

    struct Ending: Sendable {
        var received: [UInt8] = []
        var endedWith: String?
        var readerCouldWrite = true
        var closedCouldWrite = true
    }

    @Test func closingAnEndDeliversWhatItWroteAndThenTheEnd() async {
        let (ending, clean) = await onFreshLoop { (loop, done: @escaping (Ending) -> Void) in
            let (a, b) = InProcessByteStream.makePair(loop: loop)
            var ending = Ending()
            b.onRead = { ending.received += $0 }
            b.onEnd = { error in
                ending.endedWith = error.map { "\($0)" } ?? "end of stream"
                ending.readerCouldWrite = ([9] as [UInt8]).withUnsafeBytes { b.write($0) }
                b.close()
                done(ending)
            }
            b.startReading()
            ([1, 2] as [UInt8]).withUnsafeBytes { _ = a.write($0) }
            a.close()
            ending.closedCouldWrite = ([3] as [UInt8]).withUnsafeBytes { a.write($0) }
        }
        #expect(ending.received == [1, 2], "bytes written before close still arrive")
        #expect(ending.endedWith == "end of stream")
        #expect(!ending.readerCouldWrite, "writing to a closed end fails, as to a closed socket")
        #expect(!ending.closedCouldWrite)
        #expect(clean)
    }

    struct Pushback: Sendable {
        var queuedWhileNotReading = 0
        var largestRead = 0
        var received: [UInt8] = []
        var drained = 0
    }

    /// A reader that is not reading holds its writer's bytes as queued (what makes the output pump
    /// stop draining HTTP/2 frames); once it reads, in socket-sized chunks, the writer hears it.
    @Test func aReaderThatStopsReadingHoldsBackItsWriterUntilItReadsAgain() async {
        let sent = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let (pushback, clean) = await onFreshLoop { (loop, done: @escaping (Pushback) -> Void) in
            let (a, b) = InProcessByteStream.makePair(loop: loop)
            var pushback = Pushback()
            let timer = LoopTimer(loop: loop)
            a.onWritesDrained = {
                pushback.drained += 1
                timer.close()
                a.close()
                b.close()
                done(pushback)
            }
            b.onRead = { bytes in
                pushback.largestRead = max(pushback.largestRead, bytes.count)
                pushback.received += bytes
                if pushback.received.count == bytes.count {
                    // Stop after the first chunk; the rest must wait, then come in order.
                    b.stopReading()
                    timer.start(after: 20) { b.startReading() }
                }
            }
            sent.withUnsafeBytes { _ = a.write($0) }
            timer.start(after: 20) {
                pushback.queuedWhileNotReading = a.queuedWriteBytes
                b.startReading()
            }
        }
        #expect(pushback.queuedWhileNotReading == sent.count)
        #expect(pushback.largestRead == 64 * 1024)
        #expect(pushback.received == sent)
        #expect(pushback.drained == 1)
        #expect(clean)
    }
}
