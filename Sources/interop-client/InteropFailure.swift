import GRPCCore
import Messages

/// A failed assertion in an interop case; the description is what `FAIL name:` prints.
struct InteropFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

func check(_ condition: Bool, _ message: @autoclosure () -> String) throws(InteropFailure) {
    if !condition { throw InteropFailure(message()) }
}

/// Checks a payload the test service built: `size` bytes, all zero.
func checkPayload(_ payload: Grpc.Testing.Payload?, size: Int, _ what: String) throws(InteropFailure) {
    guard let payload else { throw InteropFailure("\(what): no payload") }
    try check(payload.body.count == size, "\(what): payload of \(payload.body.count) bytes, expected \(size)")
    try check(payload.body.allSatisfy { $0 == 0 }, "\(what): payload bytes are not all zero")
}

/// Runs `body`, which must fail with `code` (and `message`, if given).
func expectError(
    _ code: StatusCode, message: String? = nil, _ what: String, _ body: () async throws -> Void
) async throws {
    do {
        try await body()
    } catch let error as RPCError {
        try check(error.code == code, "\(what): got \(error), expected \(code)")
        if let message {
            try check(
                error.message == message, "\(what): message \(quoted(error.message)), expected \(quoted(message))")
        }
        return
    }
    throw InteropFailure("\(what): succeeded, expected \(code)")
}

/// Checks a call's final status.
func checkStatus(_ status: Status, _ code: StatusCode, message: String? = nil, _ what: String) throws(InteropFailure) {
    try check(status.code == code, "\(what): ended with \(status), expected \(code)")
    if let message {
        try check(status.message == message, "\(what): message \(quoted(status.message)), expected \(quoted(message))")
    }
}

/// Escapes control characters so a wrong status message prints on one line.
func quoted(_ text: String) -> String {
    "\"" + text.unicodeScalars.map { $0.value < 0x20 ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined()
        + "\""
}
