import GRPCCore
import Testing

@Suite struct RPCErrorTests {
    struct NotFoundError: RPCErrorConvertible {
        var rpcError: RPCError { RPCError(code: .notFound, message: "no such station") }
    }

    struct InternalDetail: Error, CustomStringConvertible {
        var description: String { "SELECT * FROM secrets failed at /srv/db.sqlite" }
    }

    @Test func anRPCErrorConvertsToItself() {
        let error = RPCError(code: .aborted, message: "conflict", metadata: ["retry-after": "1"])
        #expect(RPCError(converting: error) == error)
    }

    @Test func aConvertibleErrorChoosesItsOwnStatus() {
        let converted = RPCError(converting: NotFoundError())
        #expect(converted.code == .notFound)
        #expect(converted.message == "no such station")
    }

    @Test func cancellationBecomesCancelled() {
        #expect(RPCError(converting: CancellationError()).code == .cancelled)
    }

    @Test func anyOtherErrorBecomesUnknownWithoutLeakingItsDescription() {
        let converted = RPCError(converting: InternalDetail())
        #expect(converted.code == .unknown)
        #expect(converted.message == RPCError.unexpectedErrorMessage)
        #expect(!converted.message.contains("secrets"))
        #expect(converted.metadata.isEmpty)
        #expect(converted.cause is InternalDetail)
    }

    @Test func theCauseIsNotPartOfEquality() {
        let plain = RPCError(code: .internalError, message: "boom")
        let caused = RPCError(code: .internalError, message: "boom", cause: InternalDetail())
        #expect(plain == caused)
        #expect(plain.hashValue == caused.hashValue)
    }

    @Test func theStatusAndDescriptionCarryCodeAndMessage() {
        let error = RPCError(code: .invalidArgument, message: "bad")
        #expect(error.status == Status(code: .invalidArgument, message: "bad"))
        #expect(error.description == "INVALID_ARGUMENT: bad")
        #expect(Status.ok.code == .ok && Status.ok.message.isEmpty)
        #expect(Status.ok.description == "OK")
    }

    @Test func invalidArgumentListsEveryViolationInMessageAndDetails() throws {
        let violations = [
            FieldViolation(field: "reading.value", description: "must be finite"),
            FieldViolation(field: "station_id", description: "must not be empty"),
        ]
        let error = RPCError.invalidArgument(violations)
        #expect(error.code == .invalidArgument)
        #expect(error.message == "reading.value: must be finite; station_id: must not be empty")
        let details = try #require(error.metadata.firstBinary("grpc-status-details-bin"))
        #expect(StatusDetails.decodeBadRequest(details) == violations)
    }
}
