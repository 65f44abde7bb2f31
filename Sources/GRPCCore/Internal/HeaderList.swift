#if canImport(Glibc)
    import Glibc
#endif

/// HTTP list-valued fields (RFC 9110 §5.6.1): members separated by commas, with optional spaces
/// around each, which joiners such as proxies add.
enum HeaderList {
    /// Calls `body` with each member of `value`, spaces trimmed, empty ones included, as bytes
    /// valid only during the call. No String or array per member: this runs for a header every
    /// call carries, and splitting the String (or even its UTF-8 view) showed in profiles.
    static func forEachMember(of value: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var value = value
        value.withUTF8 { bytes in
            var start = 0
            while start <= bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != UInt8(ascii: ",") { end += 1 }
                var low = start
                var high = end
                while low < high && bytes[low] == UInt8(ascii: " ") { low += 1 }
                while high > low && bytes[high - 1] == UInt8(ascii: " ") { high -= 1 }
                body(UnsafeBufferPointer(rebasing: bytes[low..<high]))
                start = end + 1
            }
        }
    }
}

/// Byte comparisons for header names and tokens, without building Strings.
enum HeaderBytes {
    static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ expected: StaticString) -> Bool {
        equal(bytes, UnsafeBufferPointer(start: expected.utf8Start, count: expected.utf8CodeUnitCount))
    }

    static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ expected: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == expected.count else { return false }
        return bytes.isEmpty || memcmp(bytes.baseAddress!, expected.baseAddress!, bytes.count) == 0
    }
}
