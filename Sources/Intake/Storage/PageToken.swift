internal import GRPCCore
internal import Messages

/// A keyset page token: the sort key and id of the last row sent, plus a fingerprint of the
/// filters it was issued under. The next page starts strictly after that row, so rows inserted
/// meanwhile never shift the page boundary: nothing is skipped or repeated (AIP-158).
///
/// Encoded as base64 of a small binary form; clients treat it as opaque.
struct PageToken: Equatable, Sendable {
    enum Key: Equatable, Sendable {
        case integer(Int64)
        case text(String)
    }

    let filterFingerprint: UInt64
    let keys: [Key]

    static let version: UInt8 = 1

    var encoded: String {
        var bytes: [UInt8] = [Self.version]
        Self.append(filterFingerprint, to: &bytes)
        for key in keys {
            switch key {
            case .integer(let value):
                bytes.append(0)
                Self.append(UInt64(bitPattern: value), to: &bytes)
            case .text(let value):
                bytes.append(1)
                let utf8 = Array(value.utf8)
                Self.append(UInt64(utf8.count), to: &bytes)
                bytes += utf8
            }
        }
        return Base64.encode(bytes)
    }

    init(filterFingerprint: UInt64, keys: [Key]) {
        self.filterFingerprint = filterFingerprint
        self.keys = keys
    }

    /// Nil for anything this code did not issue.
    init?(decoding token: String) {
        guard let bytes = Base64.decode(token), bytes.first == Self.version else { return nil }
        var rest = bytes.dropFirst()
        guard let fingerprint = Self.readUInt64(&rest) else { return nil }
        var keys: [Key] = []
        while let tag = rest.popFirst() {
            guard let value = Self.readUInt64(&rest) else { return nil }
            switch tag {
            case 0:
                keys.append(.integer(Int64(bitPattern: value)))
            case 1:
                guard value <= rest.count else { return nil }
                keys.append(.text(String(decoding: rest.prefix(Int(value)), as: UTF8.self)))
                rest = rest.dropFirst(Int(value))
            default:
                return nil
            }
        }
        self.init(filterFingerprint: fingerprint, keys: keys)
    }

    /// Decodes `token` for a request whose filters have `fingerprint` and whose sort needs
    /// `shape`; nil for an empty token (the first page).
    static func resume(_ token: String, fingerprint: UInt64, shape: [Key]) throws(RPCError) -> [Key]? {
        guard !token.isEmpty else { return nil }
        guard let decoded = PageToken(decoding: token), decoded.keys.count == shape.count,
            zip(decoded.keys, shape).allSatisfy({ $0.sameKind(as: $1) })
        else {
            throw RPCError.invalidArgument([.init(field: "page_token", description: "not a token this service issued")])
        }
        guard decoded.filterFingerprint == fingerprint else {
            throw RPCError.invalidArgument([
                .init(field: "page_token", description: "was issued for different filters; repeat them unchanged")
            ])
        }
        return decoded.keys
    }

    /// FNV-1a of a list request with its paging fields cleared: the filters a token is bound to.
    static func fingerprint(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return hash
    }

    private static func append(_ value: UInt64, to bytes: inout [UInt8]) {
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: value >> shift)) }
    }

    private static func readUInt64(_ bytes: inout ArraySlice<UInt8>) -> UInt64? {
        guard bytes.count >= 8 else { return nil }
        let value = bytes.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        bytes = bytes.dropFirst(8)
        return value
    }
}

extension PageToken.Key {
    fileprivate func sameKind(as other: PageToken.Key) -> Bool {
        switch (self, other) {
        case (.integer, .integer), (.text, .text): true
        default: false
        }
    }
}
