import Testing

@testable import GRPCCore

@Suite struct CompressionTests {
    static let text = Array(String(repeating: "gRPC over libuv and nghttp2. ", count: 200).utf8)

    @Test(arguments: CompressionAlgorithm.allCases)
    func compressedMessagesRoundTrip(algorithm: CompressionAlgorithm) throws {
        for input in [[], [0], Self.text, (0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }] {
            let compressed = try Compression.compress(input, algorithm)
            #expect(try Compression.decompress(compressed, algorithm, limit: input.count) == input)
        }
    }

    @Test func gzipAndDeflateUseTheirRFCWrappers() throws {
        let gzip = try Compression.compress(Self.text, .gzip)
        #expect(gzip.prefix(3) == [0x1F, 0x8B, 0x08])  // RFC 1952 magic, method deflate
        let deflate = try Compression.compress(Self.text, .deflate)
        #expect(deflate[0] & 0x0F == 8)  // RFC 1950 CMF: method deflate
        #expect((UInt16(deflate[0]) << 8 | UInt16(deflate[1])) % 31 == 0)
        #expect(deflate.count < Self.text.count / 10)
    }

    @Test func identityIsTheBytesThemselves() throws {
        #expect(try Compression.compress([1, 2, 3], .identity) == [1, 2, 3])
        #expect(try Compression.decompress([1, 2, 3], .identity, limit: 3) == [1, 2, 3])
        #expect(throws: CompressionError.tooLarge(limit: 2)) {
            try Compression.decompress([1, 2, 3], .identity, limit: 2)
        }
    }

    @Test func theOtherWrapperIsCorrupt() throws {
        let gzip = try Compression.compress(Self.text, .gzip)
        #expect(throws: CompressionError.corrupt) { try Compression.decompress(gzip, .deflate, limit: 1 << 20) }
        let deflate = try Compression.compress(Self.text, .deflate)
        #expect(throws: CompressionError.corrupt) { try Compression.decompress(deflate, .gzip, limit: 1 << 20) }
    }

    @Test(arguments: [CompressionAlgorithm.gzip, .deflate])
    func corruptTruncatedOrTrailingInputIsRejected(algorithm: CompressionAlgorithm) throws {
        let compressed = try Compression.compress(Self.text, algorithm)
        var flipped = compressed
        flipped[flipped.count / 2] ^= 0xFF
        for bad in [
            [], [1, 2, 3, 4, 5], Array(compressed.dropLast(3)), Array(compressed.prefix(10)), compressed + [0], flipped,
        ] {
            #expect(throws: CompressionError.corrupt) { try Compression.decompress(bad, algorithm, limit: 1 << 20) }
        }
    }

    @Test func exactlyTheLimitIsAcceptedAndOneMoreIsNot() throws {
        let compressed = try Compression.compress(Self.text, .gzip)
        #expect(try Compression.decompress(compressed, .gzip, limit: Self.text.count).count == Self.text.count)
        #expect(throws: CompressionError.tooLarge(limit: Self.text.count - 1)) {
            try Compression.decompress(compressed, .gzip, limit: Self.text.count - 1)
        }
    }

    @Test(arguments: [CompressionAlgorithm.gzip, .deflate])
    func aZipBombStopsAtTheLimitWithoutAllocatingItsFullSize(algorithm: CompressionAlgorithm) throws {
        let bomb = try Compression.compress([UInt8](repeating: 0, count: 10 << 20), algorithm)
        #expect(bomb.count < 20_000)
        var peakCapacity = 0
        #expect(throws: CompressionError.tooLarge(limit: 1 << 20)) {
            try Compression.decompress(bomb, algorithm, limit: 1 << 20, peakCapacity: &peakCapacity)
        }
        #expect(peakCapacity > 0)
        #expect(peakCapacity <= (1 << 20) + 4096)
    }

    @Test func theAdvertisedEncodingsAreIdentityGzipDeflate() {
        #expect(Compression.supported == [.identity, .gzip, .deflate])
        #expect(Compression.acceptEncoding == "identity,gzip,deflate")
    }

    @Test func errorsMapToTheirStatuses() {
        #expect(CompressionError.corrupt.rpcError.code == .internalError)
        #expect(CompressionError.tooLarge(limit: 1).rpcError.code == .resourceExhausted)
    }
}
