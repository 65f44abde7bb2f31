import ArgumentParser
import CityReport
import GRPC
import Messages
import SJCtlKit
import SharedDomain

#if canImport(Glibc)
    import Glibc
#endif

/// What the report commands share: a Session, a Gatherer on its connections (each service at its
/// own address, if given), the period as the report names it, failures as sjctl's sentences, and
/// writing the HTML page.
struct ReportSession {
    let session: Session
    let gatherer: Gatherer

    /// Runs `body` in a Session; a failed call names its service and address, as every sjctl
    /// command does (exit 1 refused, 3 unreachable).
    static func run(_ options: ConnectionOptions, _ body: (ReportSession) async throws -> Void) async throws {
        try await Session.run(options) { session in
            let connections = session.connections
            var gatherer = Gatherer(
                intake: try connections.intake, assessment: try connections.assessment,
                accountability: try connections.accountability, callOptions: connections.callOptions)
            gatherer.timeZone = session.zone
            do {
                try await body(ReportSession(session: session, gatherer: gatherer))
            } catch let failure as ReportCallError {
                let service = ServiceName(rawValue: failure.service.rawValue) ?? .intake
                throw ServiceCallError(
                    service: service, address: try options.address(for: service), error: failure.error)
            } catch let failure as ReportError {
                throw CommandFailure("sjctl report: \(failure)")
            }
        }
    }

    /// The report has no proto of its own to print as JSON; the RPCs it reads each do.
    static func refuseJSON(_ options: ConnectionOptions) throws {
        if options.json {
            throw ValidationError(
                "--json: the report is text or HTML (--html FILE); for JSON, ask the RPCs it reads, "
                    + "e.g. sjctl assessment indicators --scope city --period 2023 --json")
        }
    }

    func period(_ text: String, option: String) throws -> CalendarPeriod {
        guard let period = try session.period(text, option: option).calendarPeriod else {
            throw ValidationError("\(option): \"\(text)\" is not a period; write \(PeriodText.periodHelp)")
        }
        return period
    }

    /// Writes `text` to `path` (standard output for "-"), replacing the file.
    func write(_ text: String, to path: String) throws {
        if path == "-" {
            StandardStreams.output(text)
            return
        }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else {
            throw CommandFailure("sjctl report: cannot write \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes {
                Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw CommandFailure("sjctl report: cannot write \(path): \(String(cString: strerror(errno)))")
            }
            offset += written
        }
        StandardStreams.error("sjctl report: wrote \(path)\n")
    }
}
