import GRPCCore
import SJCtlKit
import Testing

@Suite struct ErrorReportTests {
    @Test func invalidArgumentListsEveryFieldViolationOnItsOwnLine() {
        let error = RPCError.invalidArgument([
            FieldViolation(field: "division_code", description: "must be 6 digits"),
            FieldViolation(field: "name", description: "must not be blank"),
        ])
        let (text, code) = ErrorReport.describe(error, service: .intake, address: .defaultAddress)
        #expect(code == 1)
        #expect(
            text.split(separator: "\n") == [
                "intake refused the request (INVALID_ARGUMENT): 2 fields are wrong",
                "  division_code: must be 6 digits",
                "  name: must not be blank",
            ])
    }

    @Test func violationsComeFromTheStatusDetailsTrailerNotTheMessage() {
        var metadata = Metadata()
        metadata.add(
            StatusDetails.metadataKey,
            binary: StatusDetails.encode(
                code: .invalidArgument, message: "bad row",
                badRequest: [FieldViolation(field: "filing.docket_number", description: "must match (YYYY)…")]))
        let error = RPCError(code: .invalidArgument, message: "the request has a bad row", metadata: metadata)
        let (text, _) = ErrorReport.describe(error, service: .intake, address: nil)
        #expect(
            text == "intake refused the request (INVALID_ARGUMENT): the request has a bad row\n"
                + "  filing.docket_number: must match (YYYY)…")
    }

    @Test func aServerThatCannotBeReachedNamesTheAddressAndHowToStartOne() {
        let error = RPCError(
            code: .unavailable,
            message: "cannot reach ipv4:127.0.0.1:50999: connect to ipv4:127.0.0.1:50999: connection refused")
        let (text, code) = ErrorReport.describe(
            error, service: .assessment, address: ServerAddress(host: "127.0.0.1", port: 50999))
        #expect(code == 3)
        #expect(text.hasPrefix("could not reach assessment at 127.0.0.1:50999: connection refused\n"))
        #expect(text.contains("make run"))
        #expect(text.contains("--assessment-server"))
    }

    @Test func unavailableFromAServerThatWasReachedSaysSo() {
        let error = RPCError(code: .unavailable, message: "intake cannot be reached to check the case")
        let (text, code) = ErrorReport.describe(error, service: .accountability, address: .defaultAddress)
        #expect(code == 3)
        #expect(text.hasPrefix("accountability is unavailable (UNAVAILABLE): intake cannot be reached"))
    }

    @Test func aWriteThatMayHaveBeenAppliedSaysHowToRetryIt() {
        let lost = ServiceCallError(
            service: .intake, address: .defaultAddress,
            error: RPCError(code: .deadlineExceeded, message: "no answer in 30 s"), requestID: "r-42")
        #expect(ErrorReport.describe(lost).text.contains("Retry with --request-id r-42"))
        let refused = ServiceCallError(
            service: .intake, address: .defaultAddress, error: RPCError(code: .notFound, message: "no case"),
            requestID: "r-43")
        #expect(!ErrorReport.describe(refused).text.contains("--request-id"))
    }

    @Test func aVersionConflictSaysToReadAgain() {
        let (text, code) = ErrorReport.describe(
            RPCError(code: .aborted, message: "case-1 is at version 3, not 2"), service: .intake, address: nil)
        #expect(code == 1)
        #expect(text.contains("look at it again (get)"))
    }
}
