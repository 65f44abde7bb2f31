internal import CUV

/// A failed operating-system or libuv call: which operation, and libuv's error name and text.
public struct SystemError: Error, Hashable, Sendable, CustomStringConvertible {
    /// libuv's (negative) error code, e.g. UV_EADDRINUSE.
    public let code: Int32
    /// What we were doing, e.g. "bind 127.0.0.1:50051".
    public let operation: String

    init(_ code: Int32, _ operation: String) {
        self.code = code
        self.operation = operation
    }

    public var name: String { String(cString: uv_err_name(code)) }

    public var description: String {
        "\(operation): \(String(cString: uv_strerror(code))) (\(name))"
    }

    /// The peer closed the connection in an orderly way.
    public var isEndOfFile: Bool { code == UV_EOF.rawValue }
}

/// Turns a libuv status into a thrown error.
@inline(__always)
func check(_ status: Int32, _ operation: @autoclosure () -> String) throws(SystemError) {
    if status < 0 { throw SystemError(status, operation()) }
}
