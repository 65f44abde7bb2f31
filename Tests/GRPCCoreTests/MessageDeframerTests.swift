import GRPCCore
import Testing

extension MessageDeframer {
    fileprivate mutating func append(_ bytes: [UInt8]) throws(DeframingError) {
        // withUnsafeBytes rethrows untyped, so carry the typed error out by hand.
        var failure: DeframingError?
        bytes.withUnsafeBytes { buffer in
            do throws(DeframingError) { try append(buffer) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    fileprivate mutating func drain() -> [Message] {
        var messages: [Message] = []
        while let message = next() { messages.append(message) }
        return messages
    }
}

@Suite struct MessageDeframerTests {
    static func framed(_ messages: [(compressed: Bool, payload: [UInt8])]) -> [UInt8] {
        var buffer: [UInt8] = []
        for message in messages {
            MessageFramer.frame(message.payload, compressed: message.compressed, into: &buffer)
        }
        return buffer
    }

    static let sample: [(compressed: Bool, payload: [UInt8])] = [
        (false, [1, 2, 3]), (true, []), (false, (0..<1000).map { UInt8($0 % 251) }), (false, [42]),
    ]

    static var expected: [MessageDeframer.Message] {
        sample.map { MessageDeframer.Message(compressed: $0.compressed, payload: $0.payload) }
    }

    @Test func severalMessagesInOneAppendComeOutInOrder() throws {
        var deframer = MessageDeframer(maximumMessageSize: 4 << 20)
        try deframer.append(Self.framed(Self.sample))
        #expect(deframer.bufferedByteCount == Self.framed(Self.sample).count)
        #expect(deframer.drain() == Self.expected)
        #expect(!deframer.hasPartialMessage)
        #expect(deframer.bufferedByteCount == 0)
        #expect(deframer.next() == nil)
    }

    @Test func messagesFedOneByteAtATimeReassemble() throws {
        var deframer = MessageDeframer(maximumMessageSize: 4 << 20)
        var received: [MessageDeframer.Message] = []
        for byte in Self.framed(Self.sample) {
            try deframer.append([byte])
            received += deframer.drain()
        }
        #expect(received == Self.expected)
        #expect(!deframer.hasPartialMessage)
    }

    @Test(arguments: [2, 3, 5, 7, 64, 999])
    func messagesSplitAtArbitraryBoundariesReassemble(chunkSize: Int) throws {
        var deframer = MessageDeframer(maximumMessageSize: 4 << 20)
        let bytes = Self.framed(Self.sample)
        var received: [MessageDeframer.Message] = []
        for start in stride(from: 0, to: bytes.count, by: chunkSize) {
            try deframer.append(Array(bytes[start..<min(start + chunkSize, bytes.count)]))
            received += deframer.drain()
        }
        #expect(received == Self.expected)
    }

    @Test func aTruncatedMessageIsPartial() throws {
        var deframer = MessageDeframer(maximumMessageSize: 100)
        try deframer.append([0, 0, 0])
        #expect(deframer.hasPartialMessage)
        try deframer.append([0, 4, 1, 2])
        #expect(deframer.hasPartialMessage)
        #expect(deframer.next() == nil)
        #expect(deframer.bufferedByteCount == 7)
        try deframer.append([3, 4])
        #expect(!deframer.hasPartialMessage)
        #expect(deframer.next()?.payload == [1, 2, 3, 4])
    }

    @Test func aFourGiBLengthIsRejectedBeforeAnyPayloadIsBuffered() {
        var deframer = MessageDeframer(maximumMessageSize: 4 << 20)
        #expect(throws: DeframingError.messageTooLarge(size: UInt32.max, limit: 4 << 20)) {
            try deframer.append([0, 0xFF, 0xFF, 0xFF, 0xFF] + [UInt8](repeating: 0, count: 1000))
        }
        #expect(deframer.bufferedByteCount <= 5)
    }

    @Test func aMessageExactlyAtTheLimitIsAccepted() throws {
        var deframer = MessageDeframer(maximumMessageSize: 1024)
        try deframer.append(Self.framed([(false, [UInt8](repeating: 1, count: 1024))]))
        #expect(deframer.next()?.payload.count == 1024)
    }

    @Test func aMessageOneByteOverTheLimitIsRejected() {
        var deframer = MessageDeframer(maximumMessageSize: 1024)
        #expect(throws: DeframingError.messageTooLarge(size: 1025, limit: 1024)) {
            try deframer.append([0, 0, 0, 0x04, 0x01])
        }
    }

    @Test func messagesBeforeAnOversizeOneAreStillDelivered() {
        var deframer = MessageDeframer(maximumMessageSize: 10)
        #expect(throws: DeframingError.self) {
            try deframer.append(Self.framed([(false, [1]), (false, [UInt8](repeating: 0, count: 11))]))
        }
        #expect(deframer.next()?.payload == [1])
    }

    @Test(arguments: [2, 0x80, 0xFF] as [UInt8])
    func aFlagOtherThanZeroOrOneIsRejected(flag: UInt8) {
        var deframer = MessageDeframer(maximumMessageSize: 100)
        #expect(throws: DeframingError.invalidCompressedFlag(flag)) {
            try deframer.append([flag, 0, 0, 0, 0])
        }
    }

    @Test func afterAnErrorEveryAppendFails() {
        var deframer = MessageDeframer(maximumMessageSize: 100)
        #expect(throws: DeframingError.invalidCompressedFlag(9)) { try deframer.append([9]) }
        #expect(throws: DeframingError.invalidCompressedFlag(9)) {
            try deframer.append(Self.framed([(false, [1])]))
        }
        #expect(deframer.next() == nil)
    }

    @Test func errorsMapToTheStatusGRPCUses() {
        let tooLarge = DeframingError.messageTooLarge(size: 5_000_000, limit: 4_194_304).rpcError
        #expect(tooLarge.code == .resourceExhausted)
        #expect(tooLarge.message == "received message larger than max (5000000 vs. 4194304)")
        #expect(DeframingError.invalidCompressedFlag(2).rpcError.code == .internalError)
        #expect(RPCError(converting: DeframingError.invalidCompressedFlag(2)).code == .internalError)
    }
}
