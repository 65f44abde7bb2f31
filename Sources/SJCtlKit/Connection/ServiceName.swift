/// The three services sjctl talks to. All three run in one process on one port by default, so
/// one address serves them all; each can be pointed elsewhere (`--intake-server`, …).
public enum ServiceName: String, Sendable, CaseIterable {
    case intake
    case assessment
    case accountability

    /// The environment variable naming this service's own address, e.g. `SJ_INTAKE_SERVER`.
    public var environmentVariable: String { "SJ_\(rawValue.uppercased())_SERVER" }

    /// The flag naming this service's own address, e.g. `--intake-server`.
    public var flag: String { "--\(rawValue)-server" }

    /// The gRPC service's full name.
    public var grpcName: String {
        switch self {
        case .intake: "shuangjiang.intake.v1.IntakeService"
        case .assessment: "shuangjiang.assessment.v1.AssessmentService"
        case .accountability: "shuangjiang.accountability.v1.AccountabilityService"
        }
    }
}

/// A server address as `HOST:PORT`: an IPv4 address, `localhost`, or `[IPv6]`.
public struct ServerAddress: Hashable, Sendable, CustomStringConvertible {
    public let host: String
    public let port: Int

    public static let defaultAddress = ServerAddress(host: "127.0.0.1", port: 50051)

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Nil unless the text is HOST:PORT with a port in 1-65535.
    public init?(_ text: String) {
        let trimmed = text.trimmingSpaces()
        guard let colon = trimmed.lastIndex(of: ":"), let port = Int(trimmed[trimmed.index(after: colon)...]),
            (1...65535).contains(port)
        else { return nil }
        var host = String(trimmed[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, !host.contains(" ") else { return nil }
        self.host = host
        self.port = port
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
