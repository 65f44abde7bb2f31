#if canImport(Glibc)
    import Glibc
#endif

extension RequestHead {
    /// Validates request HEADERS in the order a server must answer them: not gRPC at all first
    /// (method, path, content type), then malformed gRPC headers, then unsupported encodings.
    ///
    /// A missing `te` is tolerated, like grpc-go; nghttp2 already rejects any other `te` value
    /// before we see it, but the check here keeps the rule independent of the transport.
    public init(headerFields: [(name: String, value: String)]) throws(RequestHeadError) {
        // One pass over the fields, keeping the first of each: this runs for every call.
        var method: String?
        var path: String?
        var scheme: String?
        var authority: String?
        var contentType: String?
        var te: String?
        var rawTimeout: String?
        var rawEncoding: String?
        var acceptEncoding: [CompressionAlgorithm] = []
        var userAgent: String?
        var metadata = Metadata()
        for (name, value) in headerFields {
            switch HeaderName(name) {
            case .method: method = method ?? value
            case .path: path = path ?? value
            case .scheme: scheme = scheme ?? value
            case .authority: authority = authority ?? value
            case .contentType: contentType = contentType ?? value
            case .te: te = te ?? value
            case .timeout: rawTimeout = rawTimeout ?? value
            case .encoding: rawEncoding = rawEncoding ?? value
            case .userAgent:
                userAgent = userAgent ?? value
                metadata.appendReceived(name: name, value: value)
            case .acceptEncoding:
                // Matched as bytes: no String per token for a header every call carries.
                HeaderList.forEachMember(of: value) { token in
                    if let known = CompressionAlgorithm(token: token) { acceptEncoding.append(known) }
                }
            case .other:
                metadata.appendReceived(name: name, value: value)
            }
        }

        guard method == "POST" else { throw .notPOST }
        guard let path, path.utf8.first == UInt8(ascii: "/") else { throw .missingPath }
        guard let contentType, Self.isGRPCContentType(contentType) else {
            throw .unsupportedContentType(contentType)
        }
        if let te, te != "trailers" { throw .invalidTE(te) }
        var timeout: Duration?
        if let rawTimeout {
            guard let parsed = GRPCTimeout.parse(rawTimeout) else { throw .invalidTimeout(rawTimeout) }
            timeout = parsed
        }
        var encoding: CompressionAlgorithm?
        if let rawEncoding {
            guard let algorithm = CompressionAlgorithm(rawValue: rawEncoding) else {
                throw .unsupportedEncoding(rawEncoding)
            }
            encoding = algorithm
        }

        self.init(
            method: "POST", path: path, scheme: scheme ?? "", authority: authority, contentType: contentType, te: te,
            timeout: timeout, encoding: encoding, acceptEncoding: acceptEncoding, userAgent: userAgent,
            metadata: metadata)
    }

    /// `application/grpc`, optionally followed by `+subtype` or `;parameters`, in any case
    /// (media types are case-insensitive).
    static func isGRPCContentType(_ value: String) -> Bool {
        // What every client sends; the general check below is slow enough to show in profiles.
        if value == "application/grpc" || value == "application/grpc+proto" { return true }
        let prefix = "application/grpc".utf8
        let bytes = value.utf8
        guard bytes.count >= prefix.count else { return false }
        let matches = zip(bytes, prefix).allSatisfy { byte, expected in
            byte == expected || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") && byte + 0x20 == expected)
        }
        guard matches else { return false }
        let rest = bytes.dropFirst(prefix.count)
        return rest.isEmpty || rest.first == UInt8(ascii: "+") || rest.first == UInt8(ascii: ";")
    }
}

/// The request header names the server looks at, recognised by length and bytes: a `switch` over
/// strings compared every candidate in turn and showed up in profiles at ~1,400 instructions a
/// header.
private enum HeaderName {
    case method, path, scheme, authority, contentType, te, timeout, encoding, acceptEncoding, userAgent, other

    init(_ name: String) {
        var name = name
        self = name.withUTF8 { bytes in
            func matches(_ candidate: StaticString) -> Bool { HeaderBytes.equal(bytes, candidate) }
            switch bytes.count {
            case 2: return matches("te") ? .te : .other
            case 5: return matches(":path") ? .path : .other
            case 7: return matches(":method") ? .method : matches(":scheme") ? .scheme : .other
            case 10: return matches(":authority") ? .authority : matches("user-agent") ? .userAgent : .other
            case 12: return matches("content-type") ? .contentType : matches("grpc-timeout") ? .timeout : .other
            case 13: return matches("grpc-encoding") ? .encoding : .other
            case 20: return matches("grpc-accept-encoding") ? .acceptEncoding : .other
            default: return .other
            }
        }
    }
}

extension CompressionAlgorithm {
    /// The algorithm a `grpc-accept-encoding` token names, if we implement it: the token compared
    /// as bytes with each case's raw value.
    fileprivate init?(token: UnsafeBufferPointer<UInt8>) {
        let known = Self.allCases.first { algorithm in
            var name = algorithm.rawValue
            return name.withUTF8 { HeaderBytes.equal(token, $0) }
        }
        guard let known else { return nil }
        self = known
    }
}
