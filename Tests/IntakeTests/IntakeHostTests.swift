import GRPC
import GRPCCore
import GRPCTestSupport
import Intake
import Logging
import Messages
import ServiceKit
import Stubs
import Testing

/// Intake as `shuangjiang-server --services intake` runs it.
@Suite struct IntakeHostTests {
    @Test func healthListsIntakeUnderItsFullName() async throws {
        let hosted = try await HostedServices([IntakeService.definition], selected: ["intake"])
        let channel = try Channel(host: "127.0.0.1", port: hosted.port)
        var request = Grpc.Health.V1.HealthCheckRequest()
        request.service = "shuangjiang.intake.v1.IntakeService"
        #expect(try await Grpc.Health.V1.Health.Client(channel: channel).check(request).status == .serving)
        channel.close()
        #expect(await hosted.stop())
    }

    /// An operator asked about a failed request finds it by the id the client sent.
    @Test func aRefusedRequestIsLoggedWithItsRequestIdAndStatus() async throws {
        let capture = LogSink.Capture()
        let hosted = try await HostedServices([IntakeService.definition]) { configuration in
            configuration.log = LogOptions(format: .json, level: .info, accessLog: false, sink: capture.sink)
        }
        let channel = try Channel(host: "127.0.0.1", port: hosted.port)
        var request = Shuangjiang.Intake.V1.CreateRegionRequest()
        request.requestId = "req-7f3a"
        request.name = "   "
        await #expect(throws: RPCError.self) {
            try await Shuangjiang.Intake.V1.IntakeService.Client(channel: channel).createRegion(request)
        }
        channel.close()
        #expect(await hosted.stop())
        let line = try #require(capture.lines.first { $0.contains("\"method\":\"CreateRegion\"") })
        #expect(line.contains("\"request_id\":\"req-7f3a\""))
        #expect(line.contains("\"status\":\"INVALID_ARGUMENT\""))
        #expect(line.contains("\"logger\":\"intake\""))
        #expect(line.contains("\"level\":\"notice\""))
        #expect(capture.lines.contains { $0.contains("\"migration\":\"intake.1.initial\"") })
    }
}
