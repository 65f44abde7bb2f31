/// Reassembles gRPC Length-Prefixed-Messages from DATA frames, whose boundaries bear no
/// relation to message boundaries.
///
/// The length prefix is checked as soon as it is complete, before any of the payload is kept,
/// so a peer cannot make us buffer more than the limit. After an error the stream is broken:
/// later calls to ``append(_:)`` throw the same error and drop their bytes.
public struct MessageDeframer: Sendable {
    public struct Message: Sendable, Hashable {
        public var compressed: Bool
        public var payload: [UInt8]

        public init(compressed: Bool, payload: [UInt8]) {
            self.compressed = compressed
            self.payload = payload
        }
    }

    public let maximumMessageSize: Int

    /// Complete messages not yet returned by ``next()``, from `head` on.
    private var ready: [Message] = []
    private var head = 0

    /// The prefix of the message being received; complete once `prefixCount` reaches 5.
    private var prefix: (UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0)
    private var prefixCount = 0
    private var payloadLength = 0
    private var payload: [UInt8] = []

    private var failure: DeframingError?

    public init(maximumMessageSize: Int) {
        precondition(maximumMessageSize >= 0)
        self.maximumMessageSize = maximumMessageSize
    }

    /// Bytes received that do not yet make a whole message: at END_STREAM this means the peer
    /// sent a truncated message.
    public var hasPartialMessage: Bool { prefixCount > 0 }

    /// Every byte held, in complete and partial messages.
    public var bufferedByteCount: Int {
        var count = prefixCount + payload.count
        for message in ready[head...] {
            count += MessageFramer.prefixLength + message.payload.count
        }
        return count
    }

    public mutating func append(_ bytes: UnsafeRawBufferPointer) throws(DeframingError) {
        if let failure { throw failure }
        var offset = 0
        while offset < bytes.count {
            if prefixCount < MessageFramer.prefixLength {
                let byte = bytes[offset]
                offset += 1
                try receivePrefixByte(byte)
            } else {
                let take = min(payloadLength - payload.count, bytes.count - offset)
                let chunk = UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + take])
                if payload.isEmpty, take == payloadLength {
                    // The common case, a message within one DATA frame: one exact allocation.
                    payload = Array(chunk)
                } else {
                    growPayload(toFit: payload.count + take)
                    payload.append(contentsOf: chunk)
                }
                offset += take
            }
            if prefixCount == MessageFramer.prefixLength, payload.count == payloadLength {
                finishMessage()
            }
        }
    }

    /// The next complete message, in order of arrival.
    public mutating func next() -> Message? {
        guard head < ready.count else { return nil }
        // Swap the message out so its payload is uniquely owned by the caller.
        let message = ready[head]
        ready[head] = Message(compressed: false, payload: [])
        head += 1
        if head == ready.count {
            ready.removeAll(keepingCapacity: true)
            head = 0
        }
        return message
    }

    private mutating func receivePrefixByte(_ byte: UInt8) throws(DeframingError) {
        switch prefixCount {
        case 0:
            guard byte <= 1 else {
                failure = .invalidCompressedFlag(byte)
                throw .invalidCompressedFlag(byte)
            }
            prefix.0 = byte
        case 1: prefix.1 = byte
        case 2: prefix.2 = byte
        case 3: prefix.3 = byte
        default: prefix.4 = byte
        }
        prefixCount += 1
        guard prefixCount == MessageFramer.prefixLength else { return }
        let length = UInt32(prefix.1) << 24 | UInt32(prefix.2) << 16 | UInt32(prefix.3) << 8 | UInt32(prefix.4)
        guard UInt64(length) <= UInt64(maximumMessageSize) else {
            let error = DeframingError.messageTooLarge(size: length, limit: maximumMessageSize)
            failure = error
            throw error
        }
        payloadLength = Int(length)
    }

    /// Grows geometrically, but never past the announced length: a peer that announces the limit
    /// and then trickles bytes only ever costs what it has sent, times two.
    private mutating func growPayload(toFit needed: Int) {
        guard needed > payload.capacity else { return }
        payload.reserveCapacity(min(payloadLength, max(needed, payload.capacity * 2)))
    }

    private mutating func finishMessage() {
        ready.append(Message(compressed: prefix.0 == 1, payload: payload))
        payload = []
        prefixCount = 0
        payloadLength = 0
    }
}
