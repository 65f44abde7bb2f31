import Messages

// Builders for the requests the interop descriptions spell out.

extension Grpc.Testing.Payload {
    static func zeros(_ count: Int) -> Self {
        var payload = Self()
        payload.body = [UInt8](repeating: 0, count: count)
        return payload
    }
}

extension Grpc.Testing.BoolValue {
    init(_ value: Bool) {
        self.init()
        self.value = value
    }
}

extension Grpc.Testing.EchoStatus {
    init(code: Int32, message: String) {
        self.init()
        self.code = code
        self.message = message
    }
}

extension Grpc.Testing.ResponseParameters {
    init(size: Int, intervalUs: Int32 = 0, compressed: Bool? = nil) {
        self.init()
        self.size = Int32(size)
        self.intervalUs = intervalUs
        self.compressed = compressed.map(Grpc.Testing.BoolValue.init)
    }
}

extension Grpc.Testing.SimpleRequest {
    /// response_size 314159 and 271828 zero bytes, the "large" request most unary cases use.
    static func large(expectCompressed: Bool? = nil, responseCompressed: Bool? = nil) -> Self {
        var request = Self()
        request.responseSize = 314_159
        request.payload = .zeros(271_828)
        request.expectCompressed = expectCompressed.map(Grpc.Testing.BoolValue.init)
        request.responseCompressed = responseCompressed.map(Grpc.Testing.BoolValue.init)
        return request
    }
}

extension Grpc.Testing.StreamingInputCallRequest {
    init(payloadSize: Int, expectCompressed: Bool? = nil) {
        self.init()
        payload = .zeros(payloadSize)
        self.expectCompressed = expectCompressed.map(Grpc.Testing.BoolValue.init)
    }
}

extension Grpc.Testing.StreamingOutputCallRequest {
    init(payloadSize: Int? = nil, responses: [Grpc.Testing.ResponseParameters] = []) {
        self.init()
        payload = payloadSize.map(Grpc.Testing.Payload.zeros)
        responseParameters = responses
    }
}
