import GRPCCore

/// The received messages of one stream, in order: deframing, decompression, and the bookkeeping
/// of HTTP/2 flow-control credit. Shared by the server's calls and the client's streams.
///
/// Credit rule: bytes that only make up a partial message are credited at once (a message may be
/// larger than the window); bytes of whole messages are credited when the reader takes the last
/// of them, so a reader that stops taking stops its sender.
struct InboundMessages {
    private var deframer: MessageDeframer
    private var inbox: [MessageDeframer.Message] = []
    private var head = 0
    private var uncredited = 0
    /// The peer's `grpc-encoding`, for messages flagged as compressed.
    var encoding: CompressionAlgorithm?

    init(maximumMessageSize: Int) {
        deframer = MessageDeframer(maximumMessageSize: maximumMessageSize)
    }

    /// Bytes inside a message that has not fully arrived.
    var hasPartialMessage: Bool { deframer.hasPartialMessage }

    /// Adds received DATA bytes. Returns how many bytes to credit back to the stream now.
    mutating func append(_ data: UnsafeRawBufferPointer) throws(DeframingError) -> Int {
        try deframer.append(data)
        uncredited += data.count
        while let message = deframer.next() { inbox.append(message) }
        return head == inbox.count ? takeCredit() : 0
    }

    /// The next whole message, decompressed, and the credit to give back now; nil if none waits.
    /// Throws for a compressed message without a usable encoding, or one too large once inflated.
    mutating func next() throws(RPCError) -> (payload: [UInt8], wasCompressed: Bool, credit: Int)? {
        guard head < inbox.count else { return nil }
        let message = inbox[head]
        head += 1
        var credit = 0
        if head == inbox.count {
            inbox.removeAll(keepingCapacity: true)
            head = 0
            credit = takeCredit()
        }
        guard message.compressed else { return (message.payload, false, credit) }
        guard let encoding, encoding != .identity else {
            throw RPCError(code: .internalError, message: "compressed message received without grpc-encoding")
        }
        do {
            let payload = try Compression.decompress(message.payload, encoding, limit: deframer.maximumMessageSize)
            return (payload, true, credit)
        } catch {
            throw error.rpcError
        }
    }

    /// All credit not yet given back (when the stream ends, or nothing is left to hold it for).
    mutating func takeCredit() -> Int {
        defer { uncredited = 0 }
        return uncredited
    }
}
