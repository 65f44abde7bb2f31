internal import CZlib

/// Per-message compression for `grpc-encoding`, on zlib.
///
/// Each call is one self-contained zlib stream: gRPC compresses every message on its own.
public enum Compression {
    /// What we can decode, in the order advertised.
    public static let supported: [CompressionAlgorithm] = [.identity, .gzip, .deflate]

    /// The `grpc-accept-encoding` value for ``supported``.
    public static let acceptEncoding = supported.map(\.rawValue).joined(separator: ",")

    public static func compress(
        _ bytes: [UInt8], _ algorithm: CompressionAlgorithm
    ) throws(CompressionError) -> [UInt8] {
        guard let windowBits = algorithm.zlibWindowBits else { return bytes }
        precondition(bytes.count <= Int(UInt32.max), "a gRPC message must be under 4 GiB")
        // zlib checks that a z_stream never moves, so it lives on the heap, not in a Swift var.
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer {
            stream.deinitialize(count: 1)
            stream.deallocate()
        }
        let initialized = deflateInit2_(
            stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
            Int32(MemoryLayout<z_stream>.size))
        // Only allocation failure can get here; there is no better code for it.
        guard initialized == Z_OK else { throw .corrupt }
        defer { deflateEnd(stream) }

        // deflateBound guarantees a single Z_FINISH call completes.
        let bound = Int(deflateBound(stream, uLong(bytes.count)))
        var status = Z_OK
        let output = [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
            bytes.withUnsafeBufferPointer { input in
                stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.pointee.avail_in = uInt(input.count)
                stream.pointee.next_out = buffer.baseAddress
                stream.pointee.avail_out = uInt(buffer.count)
                status = deflate(stream, Z_FINISH)
            }
            count = buffer.count - Int(stream.pointee.avail_out)
        }
        guard status == Z_STREAM_END else { throw .corrupt }
        return output
    }

    /// Decompresses one message, failing with ``CompressionError/tooLarge(limit:)`` once the output
    /// would pass `limit`: the receive limit covers the decompressed size too, and a small zip
    /// bomb must not make us allocate more than the limit.
    public static func decompress(
        _ bytes: [UInt8], _ algorithm: CompressionAlgorithm, limit: Int
    ) throws(CompressionError) -> [UInt8] {
        var peakCapacity = 0
        return try decompress(bytes, algorithm, limit: limit, peakCapacity: &peakCapacity)
    }

    /// ``decompress(_:_:limit:)``, also reporting the largest output buffer allocated, so tests
    /// can show the limit bounds memory and not just the result.
    static func decompress(
        _ bytes: [UInt8], _ algorithm: CompressionAlgorithm, limit: Int, peakCapacity: inout Int
    ) throws(CompressionError) -> [UInt8] {
        precondition(limit >= 0)
        guard let windowBits = algorithm.zlibWindowBits else {
            guard bytes.count <= limit else { throw .tooLarge(limit: limit) }
            return bytes
        }
        guard bytes.count <= Int(UInt32.max) else { throw .corrupt }
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer {
            stream.deinitialize(count: 1)
            stream.deallocate()
        }
        guard inflateInit2_(stream, windowBits, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .corrupt
        }
        defer { inflateEnd(stream) }

        // Room for one byte past the limit: producing it proves the limit is exceeded.
        let ceiling = limit == Int.max ? limit : limit + 1
        var output: [UInt8] = []
        var produced = 0
        var outcome: CompressionError?
        bytes.withUnsafeBufferPointer { input in
            stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.pointee.avail_in = uInt(input.count)
            while true {
                if produced == output.count {
                    guard output.count < ceiling else {
                        outcome = .tooLarge(limit: limit)
                        return
                    }
                    let size = min(ceiling, max(256, input.count * 4, output.count * 2))
                    output.reserveCapacity(size)
                    output.append(contentsOf: repeatElement(0, count: size - output.count))
                    peakCapacity = max(peakCapacity, output.capacity)
                }
                let status = output.withUnsafeMutableBufferPointer { buffer in
                    stream.pointee.next_out = buffer.baseAddress! + produced
                    stream.pointee.avail_out = uInt(min(buffer.count - produced, Int(UInt32.max)))
                    let before = Int(stream.pointee.avail_out)
                    let status = inflate(stream, Z_NO_FLUSH)
                    produced += before - Int(stream.pointee.avail_out)
                    return status
                }
                switch status {
                case Z_STREAM_END:
                    if stream.pointee.avail_in != 0 { outcome = .corrupt }
                    return
                case Z_OK:
                    continue
                case Z_BUF_ERROR where stream.pointee.avail_out == 0:
                    continue
                default:
                    // Z_BUF_ERROR with room to write means the input ended early.
                    outcome = .corrupt
                    return
                }
            }
        }
        if let outcome { throw outcome }
        guard produced <= limit else { throw .tooLarge(limit: limit) }
        output.removeLast(output.count - produced)
        return output
    }
}

extension CompressionAlgorithm {
    /// zlib's windowBits selects the wrapper: 15 for zlib (RFC 1950), +16 for gzip (RFC 1952).
    fileprivate var zlibWindowBits: Int32? {
        switch self {
        case .identity: nil
        case .gzip: 15 + 16
        case .deflate: 15
        }
    }
}
