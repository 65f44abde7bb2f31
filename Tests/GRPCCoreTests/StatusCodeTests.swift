import GRPCCore
import Testing

@Suite struct StatusCodeTests {
    @Test func everyCodeHasItsCanonicalNameAndNumber() {
        let expected: [(StatusCode, Int32, String)] = [
            (.ok, 0, "OK"), (.cancelled, 1, "CANCELLED"), (.unknown, 2, "UNKNOWN"),
            (.invalidArgument, 3, "INVALID_ARGUMENT"), (.deadlineExceeded, 4, "DEADLINE_EXCEEDED"),
            (.notFound, 5, "NOT_FOUND"), (.alreadyExists, 6, "ALREADY_EXISTS"),
            (.permissionDenied, 7, "PERMISSION_DENIED"), (.resourceExhausted, 8, "RESOURCE_EXHAUSTED"),
            (.failedPrecondition, 9, "FAILED_PRECONDITION"), (.aborted, 10, "ABORTED"),
            (.outOfRange, 11, "OUT_OF_RANGE"), (.unimplemented, 12, "UNIMPLEMENTED"),
            (.internalError, 13, "INTERNAL"), (.unavailable, 14, "UNAVAILABLE"), (.dataLoss, 15, "DATA_LOSS"),
            (.unauthenticated, 16, "UNAUTHENTICATED"),
        ]
        for (code, number, name) in expected {
            #expect(code.rawValue == number)
            #expect(code.description == name)
            #expect(StatusCode(rawValue: number) == code)
        }
        #expect(StatusCode.all == expected.map(\.0))
    }

    @Test(arguments: [-1, 17, 100, Int32.max, Int32.min])
    func numbersOutsideTheTableAreNotCodes(number: Int32) {
        #expect(StatusCode(rawValue: number) == nil)
    }

    @Test func serverResetsMapAsTheSpecTableSays() {
        let table: [(UInt32, StatusCode)] = [
            (0x0, .internalError), (0x1, .internalError), (0x2, .internalError), (0x3, .internalError),
            (0x4, .internalError), (0x6, .internalError), (0x7, .unavailable), (0x8, .cancelled),
            (0x9, .internalError), (0xA, .internalError), (0xB, .resourceExhausted), (0xC, .permissionDenied),
            (0xD, .internalError), (0xFF, .internalError),
        ]
        for (code, status) in table {
            #expect(StatusCode.fromHTTP2ErrorCode(code, fromServer: true) == status, "RST_STREAM \(code)")
        }
    }

    @Test func anyClientResetCancelsTheCall() {
        for code: UInt32 in [0x0, 0x2, 0x8, 0xB] {
            #expect(StatusCode.fromHTTP2ErrorCode(code, fromServer: false) == .cancelled)
        }
    }

    @Test func httpStatusesMapAsTheGRPCDocumentSays() {
        let table: [(Int, StatusCode)] = [
            (400, .internalError), (401, .unauthenticated), (403, .permissionDenied), (404, .unimplemented),
            (429, .unavailable), (502, .unavailable), (503, .unavailable), (504, .unavailable), (500, .unknown),
            (415, .unknown), (302, .unknown),
        ]
        for (http, status) in table {
            #expect(StatusCode.fromHTTPStatus(http) == status, "HTTP \(http)")
        }
    }
}
