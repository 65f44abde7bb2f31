import ArgumentParser
import Dispatch
import GRPC
import GRPCCore
import Messages
import SJCtlKit
import Stubs

#if canImport(Glibc)
    import Glibc
#endif

/// `sjctl watch alerts|events`: follow a feed live, one line per item.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Follow assessment's alerts or intake's change feed live.",
        discussion: examples("sjctl watch alerts", "sjctl watch events --from 1 --json"),
        subcommands: [Alerts.self, Events.self])

    /// What both watches take.
    struct FeedOptions: ParsableArguments {
        @Option(
            help: ArgumentHelp(
                "Start at this sequence (1 or 0: the whole history). Default: only what comes from now on.",
                valueName: "seq"))
        var from: Int64?
        @Flag(name: .customLong("no-follow"), help: "Print what is there and stop, instead of waiting for more.")
        var noFollow = false
        @OptionGroup var options: ConnectionOptions

        func validate() throws {
            if let from, from < 0 { throw ValidationError("--from needs a sequence, 0 or more") }
        }
    }

    struct Alerts: AsyncParsableCommand, CallsRPCs {
        static let configuration = CommandConfiguration(
            abstract: "Follow assessment's alert feed (WatchAlerts), one line per alert.",
            discussion: examples(
                "sjctl watch alerts", "sjctl watch alerts --from 120", "sjctl watch alerts --from 1 --no-follow --json",
                notes: Follower.notes))
        static let rpcs = ["AssessmentService/WatchAlerts", "AssessmentService/ListAlerts"]

        @OptionGroup var feed: FeedOptions

        func run() async throws {
            try await Session.run(feed.options) { session in
                let follower = Follower(session: session, service: .assessment, noFollow: feed.noFollow)
                let start: Int64
                if let from = feed.from {
                    start = max(from - 1, 0)
                } else {
                    // No head RPC on the alert feed: the newest alert is the first of ListAlerts.
                    var newest = AssessmentV1.ListAlertsRequest()
                    newest.pageSize = 1
                    start =
                        try await session.call(.assessment) {
                            try await $0.assessment.listAlerts(newest, options: $1)
                        }.alerts.first?.sequence ?? 0
                }
                try await follower.follow(after: start, what: "alerts") { after, options in
                    var request = AssessmentV1.WatchAlertsRequest()
                    request.afterSequence = after
                    request.stopAtHead = feed.noFollow
                    return try session.connections.assessment.watchAlerts(request, options: options)
                } line: { (alert: AssessmentV1.Alert) in
                    (
                        alert.sequence,
                        session.printer.json ? ProtoJSON.encode(alert) : Views.alertLine(alert, zone: session.zone)
                    )
                }
            }
        }
    }

    struct Events: AsyncParsableCommand, CallsRPCs {
        static let configuration = CommandConfiguration(
            abstract: "Follow intake's change feed (WatchEvents), one line per change.",
            discussion: examples("sjctl watch events", "sjctl watch events --from 1 --no-follow", notes: Follower.notes)
        )
        static let rpcs = ["IntakeService/WatchEvents"]

        @OptionGroup var feed: FeedOptions

        func run() async throws {
            try await Session.run(feed.options) { session in
                let follower = Follower(session: session, service: .intake, noFollow: feed.noFollow)
                let start: Int64
                if let from = feed.from {
                    start = max(from - 1, 0)
                } else {
                    start = try await Lookups.intakeHead(session: session)
                }
                try await follower.follow(after: start, what: "changes") { after, options in
                    var request = IntakeV1.WatchEventsRequest()
                    request.afterSequence = after
                    request.stopAtHead = feed.noFollow
                    return try session.connections.intake.watchEvents(request, options: options)
                } line: { (event: IntakeV1.ChangeEvent) in
                    (
                        event.sequence,
                        session.printer.json ? ProtoJSON.encode(event) : Views.eventLine(event, zone: session.zone)
                    )
                }
            }
        }
    }
}

/// Follows a feed: prints each item, remembers the last sequence printed, and after a lost
/// connection reconnects with backoff from just after it, so nothing is skipped or printed twice.
/// Ctrl-C (SIGINT) or SIGTERM ends it cleanly with exit 0; so does `--timeout`, which here is how
/// long to watch.
struct Follower: Sendable {
    static let notes = """
        --from N starts at sequence N; without it only new items are shown. When the server goes away,
        sjctl reconnects (waiting 0.5 s, then up to 15 s between attempts) and resumes after the last
        sequence it printed. Ctrl-C stops. --timeout SECONDS watches that long, then exits 0.
        """

    let session: Session
    let service: ServiceName
    let noFollow: Bool

    func follow<Request: ProtoMessage, Item: ProtoMessage>(
        after start: Int64, what: String,
        open: @escaping @Sendable (Int64, CallOptions) throws -> StreamingCall<Request, Item>,
        line: @escaping @Sendable (Item) -> (Int64, String)
    ) async throws {
        let address = try session.options.address(for: service)
        let printer = session.printer
        let deadline = session.options.timeout.flatMap {
            $0 > 0 ? ContinuousClock.now + .milliseconds(Int64($0 * 1000)) : nil
        }
        let noFollow = self.noFollow
        if !noFollow {
            printer.note(
                "watching \(what) after #\(start) at \(address) (--from 1 for the whole history); Ctrl-C to stop")
        }
        let work = Task {
            var after = start
            var backoff: Duration = .milliseconds(500)
            while !Task.isCancelled {
                var options = CallOptions()
                if let deadline { options.timeout = deadline - ContinuousClock.now }
                let reason: String
                do {
                    let call = try open(after, options)
                    for try await item in call.responses {
                        let (sequence, text) = line(item)
                        printer.line(text)
                        after = sequence
                        backoff = .milliseconds(500)
                    }
                    if noFollow { return }
                    // The server ended the stream while we follow (it is shutting down): go again.
                    reason = "\(service.rawValue) ended the stream"
                } catch let error as RPCError {
                    if Task.isCancelled { return }
                    if error.code == .deadlineExceeded, deadline != nil { return }
                    // Only a lost connection is worth waiting out; anything else would fail again.
                    guard error.code == .unavailable else {
                        throw ServiceCallError(service: service, address: address, error: error)
                    }
                    reason = "lost \(service.rawValue) at \(address) (\(error.message))"
                }
                printer.note("\(reason); reconnecting in \(seconds(backoff)), resuming after #\(after)")
                do { try await Task.sleep(for: backoff) } catch { return }
                backoff = min(backoff * 2, .seconds(15))
            }
        }
        let signals = SignalCancellation { work.cancel() }
        defer { signals.stop() }
        try await work.value
    }

    private func seconds(_ duration: Duration) -> String {
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        return milliseconds % 1000 == 0 ? "\(milliseconds / 1000)s" : "\(Double(milliseconds) / 1000)s"
    }
}

/// Turns SIGINT and SIGTERM into a call of `cancel` (instead of the default of dying mid-line),
/// for as long as it is kept.
final class SignalCancellation {
    private let sources: [any DispatchSourceSignal]

    init(_ cancel: @escaping @Sendable () -> Void) {
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler(handler: cancel)
            source.resume()
            return source
        }
    }

    func stop() {
        for source in sources { source.cancel() }
    }
}
