import GRPCCore
import Testing

@Suite struct MetadataTests {
    @Test func keysAreStoredLowerCasedAndLookedUpCaseInsensitively() {
        var metadata = Metadata()
        metadata.add("X-Request-ID", "42")
        #expect(metadata.first("x-request-id") == "42")
        #expect(metadata.first("X-REQUEST-ID") == "42")
        #expect(metadata.map(\.key) == ["x-request-id"])
    }

    @Test func repeatedKeysKeepEveryValueInOrder() {
        var metadata: Metadata = ["a": "1", "b": "2"]
        metadata.add("a", "3")
        #expect(metadata["a"] == [.string("1"), .string("3")])
        #expect(metadata.count == 3)
        metadata.remove("A")
        #expect(metadata.count == 1)
        #expect(metadata["a"].isEmpty)
        #expect(metadata.first("b") == "2")
    }

    @Test func binaryKeysHoldBinaryValues() {
        var metadata = Metadata()
        metadata.add("trace-bin", binary: [0, 1, 255])
        metadata.add("text-bin", "hi")
        #expect(metadata.firstBinary("trace-bin") == [0, 1, 255])
        #expect(metadata.first("trace-bin") == nil)
        #expect(metadata.firstBinary("text-bin") == Array("hi".utf8))
        #expect(metadata.firstBinary("missing-bin") == nil)
    }

    @Test func anEmptyMetadataIsEmpty() {
        let metadata = Metadata()
        #expect(metadata.isEmpty)
        #expect(metadata.count == 0)
        #expect(metadata == [:])
    }

    @Test(arguments: ["a", "x-request-id", "grpc-status-details-bin", "0.9_z-", "user-agent"])
    func validKeysAreAccepted(key: String) {
        #expect(Metadata.isValidKey(key))
    }

    @Test(arguments: ["", ":path", "X-Upper", "has space", "tab\t", "é", "a/b", "a:b"])
    func invalidKeysAreRejected(key: String) {
        #expect(!Metadata.isValidKey(key))
    }
}
