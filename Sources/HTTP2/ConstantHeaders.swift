internal import CNGHTTP2

/// Header fields that never change, such as a server's usual response headers and its OK
/// trailers, laid out once: nghttp2 reads the names and values in place (`NO_COPY`), so a call
/// that sends them copies nothing. Building and copying these few fields for every call was
/// about 5% of the server loop's instructions.
public final class ConstantHeaders: @unchecked Sendable {  // immutable after init
    public let fields: [HeaderField]
    private let bytes: UnsafeMutableRawBufferPointer
    let nameValues: UnsafeMutableBufferPointer<nghttp2_nv>

    public init(_ fields: [HeaderField]) {
        self.fields = fields
        let total = fields.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count }
        bytes = .allocate(byteCount: max(total, 1), alignment: 1)
        nameValues = .allocate(capacity: max(fields.count, 1))
        var offset = 0
        for (index, field) in fields.enumerated() {
            let name = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self) + offset
            UnsafeMutableRawBufferPointer(rebasing: bytes[offset...]).copyBytes(from: field.name.utf8)
            offset += field.name.utf8.count
            let value = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self) + offset
            UnsafeMutableRawBufferPointer(rebasing: bytes[offset...]).copyBytes(from: field.value.utf8)
            offset += field.value.utf8.count
            nameValues[index] = nghttp2_nv(
                name: name, value: value, namelen: field.name.utf8.count, valuelen: field.value.utf8.count,
                flags: UInt8(NGHTTP2_NV_FLAG_NO_COPY_NAME.rawValue | NGHTTP2_NV_FLAG_NO_COPY_VALUE.rawValue))
        }
    }

    deinit {
        bytes.deallocate()
        nameValues.deallocate()
    }
}
