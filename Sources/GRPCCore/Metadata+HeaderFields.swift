extension Metadata {
    /// Header names that belong to HTTP/2 or to the gRPC transport, never to custom metadata.
    /// `user-agent` and `grpc-status-details-bin` are deliberately absent: handlers may read them.
    /// (A switch rather than a Set: this runs for every header of every call, and hashing showed
    /// up in profiles.)
    static func isTransportHeader(_ name: String) -> Bool {
        switch name {
        case "content-type", "te", "grpc-timeout", "grpc-encoding", "grpc-accept-encoding", "grpc-status",
            "grpc-message":
            true
        default:
            false
        }
    }

    /// The wire form for HTTP/2 HEADERS: one field per value, `-bin` values base64 without padding.
    ///
    /// Entries the wire cannot carry are left out rather than failing the whole header block: keys
    /// outside ``isValidKey(_:)`` and string values with bytes outside 0x20–0x7E (the spec's
    /// ASCII-Value; a peer would reset the stream over them).
    public func headerFields() -> [(name: String, value: String)] {
        var fields: [(name: String, value: String)] = []
        fields.reserveCapacity(count)
        for (key, value) in self where Self.isValidKey(key) {
            switch value {
            case .binary(let bytes):
                fields.append((key, Base64.encode(bytes)))
            case .string(let text):
                guard text.utf8.allSatisfy({ (0x20...0x7E).contains($0) }) else { continue }
                fields.append((key, text))
            }
        }
        return fields
    }

    /// Custom metadata from received header fields.
    ///
    /// Skips pseudo-headers and transport headers (``isTransportHeader(_:)``). A `-bin` value may hold several values
    /// joined with "," (by an intermediary or an HTTP library), padded or not; each piece becomes
    /// one value, and pieces that are not base64 are dropped rather than failing the RPC.
    public init(headerFields: some Sequence<(name: String, value: String)>) {
        self.init()
        for (name, value) in headerFields { appendReceived(name: name, value: value) }
    }

    /// Adds one received header field if it is custom metadata (see ``init(headerFields:)``).
    mutating func appendReceived(name: String, value: String) {
        if name.utf8.first == UInt8(ascii: ":") { return }
        let key = Self.normalize(name)
        if Self.isTransportHeader(key) { return }
        guard Self.isBinaryKey(key) else {
            add(key, value)
            return
        }
        HeaderList.forEachMember(of: value) { piece in
            if let bytes = Base64.decode(utf8: piece) { add(key, binary: bytes) }
        }
    }
}
