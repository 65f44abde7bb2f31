import GRPCCore
import Testing

@Suite struct RequestHeadTests {
    static let valid: [(name: String, value: String)] = [
        (":method", "POST"), (":scheme", "http"), (":path", "/grpc.testing.TestService/UnaryCall"),
        (":authority", "localhost:50051"), ("content-type", "application/grpc"), ("te", "trailers"),
        ("grpc-timeout", "250m"), ("grpc-encoding", "gzip"), ("grpc-accept-encoding", "gzip, br ,deflate,,identity"),
        ("user-agent", "grpc-go/1.33.1"), ("x-grpc-test-echo-initial", "hello"),
        ("x-grpc-test-echo-trailing-bin", "q6ur"),
    ]

    static func replacing(_ name: String, with value: String?) -> [(name: String, value: String)] {
        var fields = valid.filter { $0.name != name }
        if let value { fields.append((name, value)) }
        return fields
    }

    @Test func aValidRequestIsParsedCompletely() throws {
        let head = try RequestHead(headerFields: Self.valid)
        #expect(head.method == "POST")
        #expect(head.path == "/grpc.testing.TestService/UnaryCall")
        #expect(head.scheme == "http")
        #expect(head.authority == "localhost:50051")
        #expect(head.contentType == "application/grpc")
        #expect(head.te == "trailers")
        #expect(head.timeout == .milliseconds(250))
        #expect(head.encoding == .gzip)
        #expect(head.acceptEncoding == [.gzip, .deflate, .identity], "br is not implemented, so left out")
        #expect(head.userAgent == "grpc-go/1.33.1")
        #expect(
            head.metadata.map(\.key) == ["user-agent", "x-grpc-test-echo-initial", "x-grpc-test-echo-trailing-bin"])
        #expect(head.metadata.firstBinary("x-grpc-test-echo-trailing-bin") == [0xAB, 0xAB, 0xAB])
    }

    @Test func optionalHeadersMayBeAbsent() throws {
        let fields = Self.valid.filter {
            [":method", ":path", ":scheme", "content-type"].contains($0.name)
        }
        let head = try RequestHead(headerFields: fields)
        #expect(head.authority == nil && head.te == nil && head.timeout == nil && head.encoding == nil)
        #expect(head.acceptEncoding.isEmpty && head.userAgent == nil && head.metadata.isEmpty)
    }

    @Test(arguments: [
        "application/grpc", "application/grpc+proto", "application/grpc+json", "application/grpc;charset=utf-8",
        "Application/GRPC+proto",
    ])
    func grpcContentTypesAreAccepted(contentType: String) throws {
        #expect(
            try RequestHead(headerFields: Self.replacing("content-type", with: contentType)).contentType == contentType)
    }

    @Test(arguments: ["application/json", "application/grpcx", "application/grp", "text/html", ""])
    func otherContentTypesAreRejectedWith415(contentType: String) {
        #expect(throws: RequestHeadError.unsupportedContentType(contentType)) {
            try RequestHead(headerFields: Self.replacing("content-type", with: contentType))
        }
        #expect(RequestHeadError.unsupportedContentType(contentType).httpStatus == 415)
    }

    @Test func aMissingContentTypeIsRejectedWith415() {
        #expect(throws: RequestHeadError.unsupportedContentType(nil)) {
            try RequestHead(headerFields: Self.replacing("content-type", with: nil))
        }
    }

    @Test func aMethodOtherThanPOSTIsRejected() {
        #expect(throws: RequestHeadError.notPOST) {
            try RequestHead(headerFields: Self.replacing(":method", with: "GET"))
        }
        #expect(RequestHeadError.notPOST.httpStatus == 405)
    }

    @Test func aMissingOrRelativePathIsRejected() {
        #expect(throws: RequestHeadError.missingPath) {
            try RequestHead(headerFields: Self.replacing(":path", with: nil))
        }
        #expect(throws: RequestHeadError.missingPath) {
            try RequestHead(headerFields: Self.replacing(":path", with: "grpc.testing.TestService/UnaryCall"))
        }
    }

    @Test func aTEOtherThanTrailersIsRejected() {
        #expect(throws: RequestHeadError.invalidTE("gzip")) {
            try RequestHead(headerFields: Self.replacing("te", with: "gzip"))
        }
    }

    @Test(arguments: ["1x", "123456789S", "-1S", ""])
    func aMalformedTimeoutIsRejected(timeout: String) {
        #expect(throws: RequestHeadError.invalidTimeout(timeout)) {
            try RequestHead(headerFields: Self.replacing("grpc-timeout", with: timeout))
        }
        #expect(RequestHeadError.invalidTimeout(timeout).rpcError.code == .internalError)
    }

    @Test func identityEncodingIsNamedAndUnknownOnesAreUnimplemented() throws {
        #expect(try RequestHead(headerFields: Self.replacing("grpc-encoding", with: "identity")).encoding == .identity)
        #expect(throws: RequestHeadError.unsupportedEncoding("snappy")) {
            try RequestHead(headerFields: Self.replacing("grpc-encoding", with: "snappy"))
        }
        let error = RequestHeadError.unsupportedEncoding("snappy").rpcError
        #expect(error.code == .unimplemented)
        #expect(error.metadata.first("grpc-accept-encoding") == "identity,gzip,deflate")
    }

    @Test func checksRunInTheOrderAServerMustAnswerThem() {
        var fields = Self.replacing("content-type", with: "text/plain")
        fields = fields.filter { $0.name != "grpc-timeout" } + [("grpc-timeout", "bad")]
        #expect(throws: RequestHeadError.unsupportedContentType("text/plain")) {
            try RequestHead(headerFields: fields)
        }
    }
}
