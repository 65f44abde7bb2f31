internal import GRPCCore

/// A keyset page token: the sort keys of the last row sent, a hash of the filters it was issued
/// under, and a MAC over both keyed by the database's secret. The next page starts strictly after
/// that row, so rows inserted meanwhile never shift the boundary (AIP-158); the MAC makes any
/// edit INVALID_ARGUMENT instead of a different page.
///
/// Encoded as base64 of a small binary form; clients treat it as opaque.
public struct PageToken: Equatable, Sendable {
    public enum Key: Equatable, Sendable {
        case integer(Int64)
        case text(String)
    }

    public let filterHash: UInt64
    public let keys: [Key]

    /// 1 had no MAC; its tokens are refused like any other edited token.
    static let version: UInt8 = 2

    public init(filterHash: UInt64, keys: [Key]) {
        self.filterHash = filterHash
        self.keys = keys
    }

    public func encoded(secret: [UInt8]) -> String {
        var bytes: [UInt8] = [Self.version]
        Self.append(filterHash, to: &bytes)
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
        Self.append(SipHash.mac(key: secret, bytes), to: &bytes)
        return Base64.encode(bytes)
    }

    /// Nil for anything this database did not issue, edited or not.
    public init?(decoding token: String, secret: [UInt8]) {
        guard let bytes = Base64.decode(token), bytes.count >= 17, bytes.first == Self.version else { return nil }
        let signed = Array(bytes.dropLast(8))
        var tag = bytes.suffix(8)
        guard Self.readUInt64(&tag) == SipHash.mac(key: secret, signed) else { return nil }
        var rest = signed.dropFirst()
        guard let filterHash = Self.readUInt64(&rest) else { return nil }
        var keys: [Key] = []
        while let kind = rest.popFirst() {
            guard let value = Self.readUInt64(&rest) else { return nil }
            switch kind {
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
        self.init(filterHash: filterHash, keys: keys)
    }

    /// Decodes `token` for a request whose filters hash to `filterHash` and whose sort needs keys
    /// of `shape`; nil for an empty token (the first page).
    static func resume(_ token: String, secret: [UInt8], filterHash: UInt64, shape: [Key]) throws(RPCError) -> [Key]? {
        guard !token.isEmpty else { return nil }
        guard let decoded = PageToken(decoding: token, secret: secret), decoded.keys.count == shape.count,
            zip(decoded.keys, shape).allSatisfy({ $0.sameKind(as: $1) })
        else {
            throw RPCError.invalidArgument([
                .init(
                    field: "page_token",
                    description: "not a token this service issued for this list; pass next_page_token unchanged")
            ])
        }
        guard decoded.filterHash == filterHash else {
            throw RPCError.invalidArgument([
                .init(field: "page_token", description: "was issued for different filters; repeat them unchanged")
            ])
        }
        return decoded.keys
    }

    /// FNV-1a: binds a token to the filters (and the request type) it was issued under. Not a
    /// MAC by itself; the token's MAC covers it.
    static func hash(_ bytes: [UInt8], seed: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in seed.utf8 + [0] + bytes {
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
