// assessment-bench: what assessment's figures cost (issue 11's targets), printed as lines
// `phase key=value ...` for `make bench` (bench/run.py); not a test.
//
//   replay     apply N synthetic intake changes to an empty assessment database, a batch per write
//              as the follower does (the projection alone: what bounds a catch-up)
//   follow     the same from a live intake over gRPC (the in-process transport): ImportCases fills
//              intake, then a fresh assessment follows WatchEvents from 0 to the head
//   delay      intake and assessment in one host; a client files and concludes a case every
//              millisecond and measures until GetIndicators (min_intake_sequence) includes it
//   queries    GetIndicators and RankUnits per second at concurrency 64
import Assessment
import EventLoop
import GRPC
import Intake
import Messages
import ServiceKit
import SharedDomain
import Storage
import Stubs
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

typealias Intake = Shuangjiang.Intake.V1
typealias V1 = Shuangjiang.Assessment.V1

var replayEvents = 1_000_000
var followEvents = 200_000
var delayEvents = 5_000
var queries = 50_000
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    guard let value = arguments.popFirst().flatMap({ Int($0) }) else {
        print("usage: assessment-bench [--replay N] [--follow N] [--delay N] [--queries N]")
        exit(2)
    }
    switch argument {
    case "--replay": replayEvents = value
    case "--follow": followEvents = value
    case "--delay": delayEvents = value
    case "--queries": queries = value
    default:
        print("unknown option \(argument)")
        exit(2)
    }
}

func seconds(since start: ContinuousClock.Instant) -> Double {
    let (s, atto) = (ContinuousClock.now - start).components
    return Double(s) + Double(atto) / 1e18
}

/// Two decimals without Foundation.
func fixed(_ value: Double) -> String {
    let hundredths = Int((value * 100).rounded())
    return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
}

func percentile(_ sorted: [Int], _ p: Double) -> Int {
    sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
}

/// A city of `regions` regions with an agency each, then cases of four changes each (filed,
/// hearing scheduled, head appearance, concluded), as intake's feed would carry them.
func syntheticFeed(events count: Int, regions: Int = 12) -> [Intake.ChangeEvent] {
    var events: [Intake.ChangeEvent] = []
    events.reserveCapacity(count + 2 * regions + 1)
    var sequence: Int64 = 0
    var committed = Instant(seconds: 1_700_000_000)
    func append(_ change: Intake.ChangeEvent.Change) {
        sequence += 1
        committed = committed.adding(seconds: 0)
        var event = Intake.ChangeEvent()
        event.sequence = sequence
        event.committedAt = Instant(milliseconds: committed.milliseconds + sequence).timestamp
        event.change = change
        events.append(event)
    }
    for index in 1...regions {
        var region = Intake.Region()
        region.id = "region-\(index)"
        region.name = "区县\(index)"
        region.regionKind = index == 1 ? .city : .county
        append(.regionCreated(region))
        var agency = Intake.Agency()
        agency.id = "agency-\(index)"
        agency.name = "机关\(index)"
        agency.regionId = region.id
        agency.level = .county
        append(.agencyCreated(agency))
    }
    var caseNumber = 0
    while events.count < count {
        caseNumber += 1
        let unit = caseNumber % (regions - 1) + 2
        var snapshot = Intake.Case()
        snapshot.id = "case-\(caseNumber)"
        snapshot.kind = .litigation
        snapshot.instance = .first
        snapshot.docketNumber = "(2022)苏03行初\(caseNumber)号"
        snapshot.defendantAgencyId = "agency-\(unit)"
        snapshot.regionId = "region-\(unit)"
        let day = Int64(caseNumber % 700)
        let filed = CivilDate(year: 2021, month: 1, day: 1)!.adding(days: day)!
        snapshot.filedOn = filed.date
        snapshot.version = 1
        snapshot.state = .filed
        append(.caseFiled(snapshot))
        for step in 0..<3 {
            var recorded = Intake.CaseEventRecorded()
            snapshot.version += 1
            var event = Intake.CaseEvent()
            switch step {
            case 0: event.event = .hearingScheduled(Intake.HearingScheduled())
            case 1:
                var appearance = Intake.HeadAppearance()
                appearance.spoke = caseNumber % 3 == 0
                event.event = .headAppearance(appearance)
            default:
                snapshot.concludedOn = filed.adding(days: 60 + Int64(caseNumber % 90))!.date
                snapshot.firstInstanceOutcome = caseNumber % 11 == 0 ? .revoked : .claimDismissed
                snapshot.finalOutcome = snapshot.firstInstanceOutcome
                snapshot.state = .concluded
            }
            snapshot.events.append(event)
            recorded.caseSnapshot = snapshot
            append(.caseEventRecorded(recorded))
        }
    }
    return events
}

// MARK: replay

do {
    let feed = syntheticFeed(events: replayEvents)
    let database = try Database.open(
        path: "/tmp/assessment-bench-\(getpid()).sqlite", migrations: AssessmentSchema.migrations)
    let service = AssessmentService(
        database: database, progress: { FeedProgress(applied: 0, upstreamHead: nil, connected: true) })
    let apply = service.projection
    let start = ContinuousClock.now
    var index = 0
    while index < feed.count {
        let batch = Array(feed[index..<min(index + 256, feed.count)])
        try await database.write { tx in
            try apply(tx, batch)
            try tx.setCursor("intake", to: batch.last!.sequence)
        }
        index += batch.count
    }
    let elapsed = seconds(since: start)
    print("replay events=\(feed.count) seconds=\(fixed(elapsed)) events_per_s=\(Int(Double(feed.count) / elapsed))")
    database.close()
    for suffix in ["", "-wal", "-shm"] { unlink("/tmp/assessment-bench-\(getpid()).sqlite\(suffix)") }
}
