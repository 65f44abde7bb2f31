#if canImport(Glibc)
    import Glibc
#endif

/// A CSV file's bytes as text. UTF-8 with or without a byte-order mark is read as it is; a file in
/// GB18030 (or GBK, its subset), which is what Excel writes for "CSV" on a Chinese Windows, is
/// recognised and converted with glibc's iconv; anything else is refused with where it goes wrong.
public enum CSVText {
    public enum Encoding: String, Sendable {
        case utf8 = "UTF-8"
        case utf8WithBOM = "UTF-8 with a byte-order mark"
        case gb18030 = "GB18030"
    }

    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        /// Not UTF-8, and not GB18030 either.
        case invalidUTF8(offset: Int, line: Int)
        /// A UTF-16 file ("Unicode text" in Excel).
        case utf16
        /// GB18030 by its bytes, but this machine cannot convert it.
        case cannotConvertGB18030(reason: String)

        public var description: String {
            switch self {
            case .invalidUTF8(let offset, let line):
                "the file is not UTF-8: byte \(offset) (line \(line)) does not fit, and it is not GB18030 either. "
                    + "Save it as \"CSV UTF-8\" or convert it, e.g. iconv -f GB18030 -t UTF-8 in.csv > out.csv"
            case .utf16:
                "the file is UTF-16 (Excel's \"Unicode text\"); save it as \"CSV UTF-8\", or convert it with "
                    + "iconv -f UTF-16 -t UTF-8 in.csv > out.csv"
            case .cannotConvertGB18030(let reason):
                "the file looks like GB18030 (a Chinese Excel export), but it could not be converted here (\(reason)); "
                    + "convert it first: iconv -f GB18030 -t UTF-8 in.csv > out.csv"
            }
        }
    }

    public static func decode(_ bytes: [UInt8]) throws(Failure) -> (text: String, encoding: Encoding) {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { throw .utf16 }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            let body = Array(bytes.dropFirst(3))
            if let bad = firstInvalidUTF8(body) {
                throw .invalidUTF8(offset: bad + 3, line: line(of: bad + 3, in: bytes))
            }
            return (String(decoding: body, as: UTF8.self), .utf8WithBOM)
        }
        guard let bad = firstInvalidUTF8(bytes) else { return (String(decoding: bytes, as: UTF8.self), .utf8) }
        guard looksLikeGB18030(bytes) else { throw .invalidUTF8(offset: bad, line: line(of: bad, in: bytes)) }
        return (try convert(bytes, from: "GB18030"), .gb18030)
    }

    /// The offset of the first byte that breaks UTF-8 (overlong forms, surrogates and values past
    /// U+10FFFF included), or nil when all of it is UTF-8.
    public static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0x00...0x7F:
                index += 1
                continue
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED:
                length = 3
                high = 0x9F
            case 0xF0:
                length = 4
                low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                high = 0x8F
            default: return index
            }
            guard index + length <= bytes.count else { return index }
            guard (low...high).contains(bytes[index + 1]) else { return index }
            for offset in 2..<length where !(0x80...0xBF).contains(bytes[index + offset]) { return index }
            index += length
        }
        return nil
    }

    /// Whether every byte fits GB18030's structure (ASCII; a lead 0x81-0xFE with a trail 0x40-0x7E
    /// or 0x80-0xFE; or four bytes lead, 0x30-0x39, lead, 0x30-0x39) and some are multi-byte.
    public static func looksLikeGB18030(_ bytes: [UInt8]) -> Bool {
        var index = 0
        var multiByte = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                index += 1
                continue
            }
            guard (0x81...0xFE).contains(byte), index + 1 < bytes.count else { return false }
            let second = bytes[index + 1]
            if (0x40...0x7E).contains(second) || (0x80...0xFE).contains(second) {
                index += 2
            } else if (0x30...0x39).contains(second), index + 3 < bytes.count,
                (0x81...0xFE).contains(bytes[index + 2]), (0x30...0x39).contains(bytes[index + 3])
            {
                index += 4
            } else {
                return false
            }
            multiByte += 1
        }
        return multiByte > 0
    }

    /// The 1-based line holding byte `offset`.
    static func line(of offset: Int, in bytes: [UInt8]) -> Int {
        bytes[..<min(offset, bytes.count)].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
    }

    /// Converts with glibc's iconv (its GB18030 module ships with libc6).
    static func convert(_ bytes: [UInt8], from encoding: String) throws(Failure) -> String {
        let descriptor = iconv_open("UTF-8", encoding)
        guard descriptor != iconv_t(bitPattern: -1) else {
            throw .cannotConvertGB18030(reason: "iconv has no \(encoding) converter")
        }
        defer { iconv_close(descriptor) }
        var input = bytes.map { CChar(bitPattern: $0) }
        // A GB18030 character is 1 to 4 bytes and its UTF-8 form at most 4, so 4× is always enough.
        var output = [CChar](repeating: 0, count: bytes.count * 4 + 4)
        var inputLeft = input.count
        var outputLeft = output.count
        let result = input.withUnsafeMutableBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                var inputPointer = inputBuffer.baseAddress
                var outputPointer = outputBuffer.baseAddress
                return iconv(descriptor, &inputPointer, &inputLeft, &outputPointer, &outputLeft)
            }
        }
        guard result != -1, inputLeft == 0 else {
            let offset = bytes.count - inputLeft
            throw .cannotConvertGB18030(
                reason: "byte \(offset) (line \(line(of: offset, in: bytes))) is not valid GB18030")
        }
        let converted = output[..<(output.count - outputLeft)].map { UInt8(bitPattern: $0) }
        return String(decoding: converted, as: UTF8.self)
    }
}
