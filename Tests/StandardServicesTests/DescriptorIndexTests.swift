import Messages
import Testing

@testable import StandardServices

@Suite struct DescriptorIndexTests {
    let index = try! DescriptorIndex.shared.get()

    @Test(arguments: [
        ("grpc.testing.SimpleRequest", "grpc/testing/messages.proto"),
        ("grpc.testing.LoadBalancerStatsResponse.RpcsByPeer", "grpc/testing/messages.proto"),
        ("grpc.testing.SimpleRequest.response_type", "grpc/testing/messages.proto"),
        ("grpc.testing.PayloadType", "grpc/testing/messages.proto"),
        ("grpc.testing.COMPRESSABLE", "grpc/testing/messages.proto"),
        ("grpc.health.v1.HealthCheckResponse.ServingStatus", "grpc/health/v1/health.proto"),
        ("grpc.health.v1.HealthCheckResponse.SERVICE_UNKNOWN", "grpc/health/v1/health.proto"),
        ("grpc.health.v1.Health", "grpc/health/v1/health.proto"),
        ("grpc.health.v1.Health.Watch", "grpc/health/v1/health.proto"),
        ("google.protobuf.Timestamp", "google/protobuf/timestamp.proto"),
        ("grpc.testing.Empty", "grpc/testing/empty.proto"),
    ])
    func everyKindOfSymbolIsFound(symbol: String, file: String) {
        #expect(index.fileName(containingSymbol: symbol) == file)
    }

    @Test func partialAndUnqualifiedNamesAreNotFound() {
        #expect(index.fileName(containingSymbol: "SimpleRequest") == nil)
        #expect(index.fileName(containingSymbol: "grpc.testing") == nil)
        #expect(index.fileName(containingSymbol: "grpc.testing.PayloadType.COMPRESSABLE") == nil)
    }

    @Test func aFileComesFirstThenEachDependencyOnce() throws {
        let files = try #require(index.fileWithDependencies(named: "shuangjiang/intake/v1/cases.proto"))
        let names = try files.map { try DescriptorFile(bytes: $0[...]).name }
        #expect(
            names == [
                "shuangjiang/intake/v1/cases.proto", "google/protobuf/timestamp.proto",
                "shuangjiang/common/v1/common.proto", "google/protobuf/empty.proto",
                "shuangjiang/intake/v1/case_events.proto", "shuangjiang/intake/v1/case_types.proto",
            ])
    }

    @Test func filesAreServedByteForByte() throws {
        let files = try #require(index.fileWithDependencies(named: "bench/echo.proto"))
        #expect(files.count == 1)
        let set = DescriptorSet.bytes
        #expect(set.firstRange(of: files[0]) != nil)
    }

    @Test func aTruncatedDescriptorSetIsRejected() {
        let set = DescriptorSet.bytes
        #expect(throws: MalformedDescriptorError.self) {
            try DescriptorIndex(descriptorSet: Array(set.prefix(set.count - 3)))
        }
    }

    @Test func aFileInAHandWrittenSetIsIndexed() throws {
        // FileDescriptorSet{file: {name: "a.proto", package: "p", message_type: {name: "M",
        // nested_type: {name: "N"}}}, with an unknown fixed32 field the reader must skip.
        let message: [UInt8] = [0x0a, 1, 0x4d, 0x1a, 3, 0x0a, 1, 0x4e]
        var file: [UInt8] = [0x0a, 7] + Array("a.proto".utf8) + [0x12, 1, 0x70, 0x22, UInt8(message.count)] + message
        file += [0x7d, 1, 2, 3, 4]
        let index = try DescriptorIndex(descriptorSet: [0x0a, UInt8(file.count)] + file)
        #expect(index.fileName(containingSymbol: "p.M.N") == "a.proto")
        #expect(index.extensionNumbers(of: "p.M.N") == [])
        #expect(index.fileWithDependencies(named: "a.proto") == [file])
    }
}
