import GRPCCore
import Storage
import Testing

@testable import ServiceKit

@Suite struct StorageErrorStatusTests {
    @Test func aReusedRequestIdIsAlreadyExistsNamingIt() {
        let error = RPCError(converting: StorageError.requestIdReused(scope: "FileCase", requestId: "r-1"))
        #expect(error.code == .alreadyExists)
        #expect(error.message.hasPrefix("request_id \"r-1\" was already used"))
    }

    @Test func aUniqueConstraintIsAlreadyExists() {
        #expect(RPCError(converting: StorageError.constraint(.unique, message: "x", sql: nil)).code == .alreadyExists)
    }

    @Test func aClosedDatabaseIsUnavailable() {
        #expect(RPCError(converting: StorageError.closed).code == .unavailable)
    }

    /// SQL and paths are for the log only: the client sees a generic message.
    @Test func otherFailuresAreInternalWithoutInternals() {
        let error = RPCError(converting: StorageError.sqlite(code: 1, message: "near x", sql: "SELECT secret"))
        #expect(error.code == .internalError)
        #expect(error.message == "storage failed")
        #expect(error.cause != nil)
    }
}
