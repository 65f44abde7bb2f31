import GRPC
import Messages
import Stubs
import Testing

@testable import StandardServices

@Suite struct ReflectionServiceTests {
    typealias Request = Grpc.Reflection.V1.ServerReflectionRequest
    typealias Response = Grpc.Reflection.V1.ServerReflectionResponse

    static func request(_ query: Request.MessageRequest, host: String = "") -> Request {
        var request = Request()
        request.host = host
        request.messageRequest = query
        return request
    }

    /// Sends one request on an open stream and reads its answer.
    static func ask(_ call: StreamingCall<Request, Response>, _ query: Request.MessageRequest) async throws -> Response
    {
        try await call.send(request(query))
        var responses = call.responses.makeAsyncIterator()
        return try #require(try await responses.next())
    }

    /// The names of the files in a file_descriptor_response, in order.
    static func fileNames(_ response: Response) throws -> [String] {
        guard case .fileDescriptorResponse(let files)? = response.messageResponse else {
            Issue.record("expected files, got \(String(describing: response.messageResponse))")
            return []
        }
        return try files.fileDescriptorProto.map { try DescriptorFile(bytes: $0[...]).name }
    }

    static func errorCode(_ response: Response) -> Int32? {
        guard case .errorResponse(let error)? = response.messageResponse else { return nil }
        return error.errorCode
    }

    @Test func listServicesNamesEveryHostedServiceAndEchoesTheRequest() async throws {
        try await LiveServer.run { live throws in
            let call = Grpc.Reflection.V1.ServerReflection.Client(channel: live.channel).serverReflectionInfo()
            let request = Self.request(.listServices(""), host: "example.test")
            try await call.send(request)
            var responses = call.responses.makeAsyncIterator()
            let response = try #require(try await responses.next())
            #expect(response.validHost == "example.test")
            #expect(response.originalRequest == request)
            guard case .listServicesResponse(let list)? = response.messageResponse else {
                Issue.record("expected a service list, got \(String(describing: response.messageResponse))")
                return
            }
            #expect(
                list.service.map(\.name) == [
                    "bench.Echo", "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection",
                    "grpc.reflection.v1alpha.ServerReflection",
                ])
            call.closeSend()
            #expect(try await responses.next() == nil)
        }
    }

    @Test func oneStreamAnswersSymbolAndFileQueriesWithTheirDependencies() async throws {
        try await LiveServer.run { live throws in
            let call = Grpc.Reflection.V1.ServerReflection.Client(channel: live.channel).serverReflectionInfo()
            let messages = "grpc/testing/messages.proto"
            let test = ["grpc/testing/test.proto", "grpc/testing/empty.proto", messages]
            #expect(
                try Self.fileNames(await Self.ask(call, .fileContainingSymbol("grpc.testing.SimpleRequest"))) == [
                    messages
                ])
            #expect(try Self.fileNames(await Self.ask(call, .fileContainingSymbol("grpc.testing.TestService"))) == test)
            let method = Request.MessageRequest.fileContainingSymbol("grpc.testing.TestService.UnaryCall")
            #expect(try Self.fileNames(await Self.ask(call, method)) == test)
            let nested = Request.MessageRequest.fileContainingSymbol(
                "grpc.testing.LoadBalancerStatsResponse.RpcsByPeer")
            #expect(try Self.fileNames(await Self.ask(call, nested)) == [messages])
            #expect(try Self.fileNames(await Self.ask(call, .fileByFilename("grpc/testing/test.proto"))) == test)

            let intake = try Self.fileNames(
                await Self.ask(call, .fileByFilename("shuangjiang/intake/v1/intake_service.proto")))
            #expect(intake.first == "shuangjiang/intake/v1/intake_service.proto")
            #expect(intake.contains("shuangjiang/common/v1/common.proto"))
            #expect(intake.contains("google/protobuf/timestamp.proto"))
            #expect(Set(intake).count == intake.count, "each file is sent once")
            call.closeSend()
        }
    }

    @Test func unknownNamesAnswerNotFoundAndTheStreamStaysOpen() async throws {
        try await LiveServer.run { live throws in
            let call = Grpc.Reflection.V1.ServerReflection.Client(channel: live.channel).serverReflectionInfo()
            #expect(Self.errorCode(try await Self.ask(call, .fileContainingSymbol("no.such.Symbol"))) == 5)
            #expect(Self.errorCode(try await Self.ask(call, .fileByFilename("no/such.proto"))) == 5)
            var extensionRequest = Grpc.Reflection.V1.ExtensionRequest()
            extensionRequest.containingType = "grpc.testing.SimpleRequest"
            extensionRequest.extensionNumber = 100
            #expect(Self.errorCode(try await Self.ask(call, .fileContainingExtension(extensionRequest))) == 5)
            #expect(Self.errorCode(try await Self.ask(call, .allExtensionNumbersOfType("no.such.Message"))) == 5)

            let known = try await Self.ask(call, .allExtensionNumbersOfType("grpc.testing.SimpleRequest"))
            guard case .allExtensionNumbersResponse(let numbers)? = known.messageResponse else {
                Issue.record("expected extension numbers, got \(String(describing: known.messageResponse))")
                return
            }
            #expect(numbers.baseTypeName == "grpc.testing.SimpleRequest")
            #expect(numbers.extensionNumber.isEmpty)
            #expect(
                try Self.fileNames(await Self.ask(call, .fileContainingSymbol("bench.Msg"))) == ["bench/echo.proto"])
            call.closeSend()
        }
    }

    @Test func v1alphaAnswersLikeV1() async throws {
        try await LiveServer.run { live throws in
            let call = Grpc.Reflection.V1alpha.ServerReflection.Client(channel: live.channel).serverReflectionInfo()
            var request = Grpc.Reflection.V1alpha.ServerReflectionRequest()
            request.host = "alpha"
            request.messageRequest = .fileContainingSymbol("grpc.health.v1.Health.Check")
            try await call.send(request)
            var responses = call.responses.makeAsyncIterator()
            let response = try #require(try await responses.next())
            #expect(response.validHost == "alpha")
            #expect(response.originalRequest == request)
            guard case .fileDescriptorResponse(let files)? = response.messageResponse else {
                Issue.record("expected files, got \(String(describing: response.messageResponse))")
                return
            }
            let names = try files.fileDescriptorProto.map { try DescriptorFile(bytes: $0[...]).name }
            #expect(names == ["grpc/health/v1/health.proto"])
            call.closeSend()
            #expect(try await responses.next() == nil)
        }
    }
}
