/// The outcome of `WriteTransaction.idempotent`: the response, and whether it was stored earlier.
public enum IdempotentResult: Sendable, Equatable {
    /// The request ran now; its response is stored with the write.
    case created([UInt8])
    /// The request had already run; this is the response stored then, byte for byte.
    case replayed([UInt8])

    public var response: [UInt8] {
        switch self {
        case .created(let response), .replayed(let response): response
        }
    }

    public var isReplay: Bool {
        if case .replayed = self { return true }
        return false
    }
}
