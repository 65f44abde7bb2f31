// assessment-bench: what assessment's figures cost (issue 11's targets), printed as lines
// `phase key=value ...` for `make bench` (bench/run.py); not a test.
//
//   replay     apply N synthetic intake changes to an empty assessment database, a batch per write
//              as the follower does (the projection alone: what bounds a catch-up), once in the
//              order a city's history arrives and once with each case's life in one burst; and
//              the floor under it: as many 19-column row upserts, as many a write, and nothing else
//   follow     the same from a live intake over gRPC (the in-process transport): ImportCases fills
//              intake, then a fresh assessment follows WatchEvents from 0 to the head
//   delay      intake and assessment in one host; a client files a case every
//              millisecond and measures until GetIndicators (min_intake_sequence) includes it
//   queries    GetIndicators and RankUnits per second at concurrency 64
import Assessment
import EventLoop
import GRPC
import Intake
import Logging
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
var burstEvents = 1_000_000
var followEvents = 1_000_000  // as many as the replay: issue 11 asks for the same run from a live intake
var delayEvents = 5_000
var queries = 50_000
var replayBatch = 65_536  // the assessment follower's batch size (IntakeFollowerTask.maxBatchSize)
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    guard let value = arguments.popFirst().flatMap({ Int($0) }) else {
        print(
            "usage: assessment-bench [--replay N] [--bursts N] [--follow N] [--delay N] [--queries N] [--batch N]  (0 skips a phase)"
        )
        exit(2)
    }
    switch argument {
    case "--replay": replayEvents = value
    case "--bursts": burstEvents = value
    case "--follow": followEvents = value
    case "--delay": delayEvents = value
    case "--queries": queries = value
    case "--batch": replayBatch = value
    default:
        print("unknown option \(argument)")
        exit(2)
    }
}

nonisolated func seconds(since start: ContinuousClock.Instant) -> Double {
    let (s, atto) = (ContinuousClock.now - start).components
    return Double(s) + Double(atto) / 1e18
}

/// Two decimals without Foundation.
nonisolated func fixed(_ value: Double) -> String {
    let hundredths = Int((value * 100).rounded())
    return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
}

nonisolated func percentile(_ sorted: [Int], _ p: Double) -> Int {
    sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
}

/// The city: `regions` regions (the first the city itself) with an agency each.
func cityUnits(regions: Int) -> [Intake.ChangeEvent.Change] {
    (1...regions).flatMap { index -> [Intake.ChangeEvent.Change] in
        var region = Intake.Region()
        region.id = "region-\(index)"
        region.name = "区县\(index)"
        region.regionKind = index == 1 ? .city : .county
        var agency = Intake.Agency()
        agency.id = "agency-\(index)"
        agency.name = "机关\(index)"
        agency.regionId = region.id
        agency.level = .county
        return [.regionCreated(region), .agencyCreated(agency)]
    }
}

/// Case `number` as filed, against one of the counties' agencies.
func filedCase(_ number: Int, regions: Int, on day: CivilDate) -> Intake.Case {
    let unit = number % (regions - 1) + 2
    var snapshot = Intake.Case()
    snapshot.id = "case-\(number)"
    snapshot.kind = .litigation
    snapshot.instance = .first
    snapshot.docketNumber = "(2022)苏03行初\(number)号"
    snapshot.defendantAgencyId = "agency-\(unit)"
    snapshot.regionId = "region-\(unit)"
    snapshot.filedOn = day.date
    snapshot.version = 1
    snapshot.state = .filed
    return snapshot
}

/// The case's next change: step 1 a hearing scheduled, 2 the head's appearance, 3 the
/// judgment on `day` (one case in eleven lost).
func nextStep(_ snapshot: inout Intake.Case, _ step: Int, number: Int, on day: CivilDate) -> Intake.ChangeEvent.Change {
    snapshot.version += 1
    var event = Intake.CaseEvent()
    switch step {
    case 1: event.event = .hearingScheduled(Intake.HearingScheduled())
    case 2:
        var appearance = Intake.HeadAppearance()
        appearance.spoke = number % 3 == 0
        event.event = .headAppearance(appearance)
    default:
        snapshot.concludedOn = day.date
        snapshot.firstInstanceOutcome = number % 11 == 0 ? .revoked : .claimDismissed
        snapshot.finalOutcome = snapshot.firstInstanceOutcome
        snapshot.state = .concluded
    }
    snapshot.events.append(event)
    var recorded = Intake.CaseEventRecorded()
    recorded.caseSnapshot = snapshot
    return .caseEventRecorded(recorded)
}

/// The city, then cases of four changes each (filed, hearing scheduled, head appearance,
/// concluded) one after another, as intake's feed would carry a burst of imports.
func syntheticFeed(events count: Int, regions: Int = 12) -> [Intake.ChangeEvent] {
    var events: [Intake.ChangeEvent] = []
    events.reserveCapacity(count + 2 * regions + 1)
    var sequence: Int64 = 0
    // One millisecond between changes: a burst, as a catch-up sees it.
    let start = Instant(seconds: 1_700_000_000).milliseconds
    func append(_ change: Intake.ChangeEvent.Change) {
        sequence += 1
        var event = Intake.ChangeEvent()
        event.sequence = sequence
        event.committedAt = Instant(milliseconds: start + sequence).timestamp
        event.change = change
        events.append(event)
    }
    cityUnits(regions: regions).forEach(append)
    var number = 0
    while events.count < count {
        number += 1
        let filed = CivilDate(year: 2021, month: 1, day: 1)!.adding(days: Int64(number % 700))!
        var snapshot = filedCase(number, regions: regions, on: filed)
        append(.caseFiled(snapshot))
        for step in 1...3 {
            append(nextStep(&snapshot, step, number: number, on: filed.adding(days: 60 + Int64(number % 90))!))
        }
    }
    return events
}

/// The same kind of city and cases, in the order a city's history reaches intake: each change
/// on the day it happens (filed, a hearing scheduled ten days later, the head's appearance at
/// the hearing a month on, the judgment two to five months after filing), cases filed evenly
/// over three years, and each change committed on its own day (feed time moves through the
/// history, so quarters are judged and the monthly risk review runs as they fall due). This is
/// what a replay of intake's feed looks like; `syntheticFeed` puts each case's whole life in
/// one burst on scattered days, the worst case for the per-day counts.
func chronologicalFeed(events count: Int, regions: Int = 12) -> [Intake.ChangeEvent] {
    let cases = max(1, (count - 2 * regions) / 4)
    let firstDay = CivilDate(year: 2021, month: 1, day: 1)!
    let days = 3 * 365
    // (day offset, case, step), in the order they happen; a case's steps are in date order.
    var steps: [(day: Int64, number: Int, step: Int)] = []
    steps.reserveCapacity(cases * 4)
    for number in 1...cases {
        let filed = Int64((number - 1) * days / cases)
        steps += [
            (filed, number, 0), (filed + 10, number, 1), (filed + 40, number, 2),
            (filed + 60 + Int64(number % 90), number, 3),
        ]
    }
    steps.sort { ($0.day, $0.number, $0.step) < ($1.day, $1.number, $1.step) }
    var events: [Intake.ChangeEvent] = []
    events.reserveCapacity(steps.count + 2 * regions)
    var sequence: Int64 = 0
    var day: Int64 = -1
    var withinDay: Int64 = 0
    func append(_ change: Intake.ChangeEvent.Change, on offset: Int64) {
        sequence += 1
        if offset != day { (day, withinDay) = (offset, 0) }
        withinDay += 1
        // From 08:00 on the change's day, a second apart.
        let at = CityTimeZone.shanghai.start(of: firstDay.adding(days: offset)!).adding(seconds: 8 * 3600 + withinDay)
        var event = Intake.ChangeEvent()
        event.sequence = sequence
        event.committedAt = at.timestamp
        event.change = change
        events.append(event)
    }
    for unit in cityUnits(regions: regions) { append(unit, on: 0) }
    var snapshots: [Intake.Case] = Array(repeating: Intake.Case(), count: cases + 1)
    for (offset, number, step) in steps {
        let day = firstDay.adding(days: offset)!
        if step == 0 {
            snapshots[number] = filedCase(number, regions: regions, on: day)
            append(.caseFiled(snapshots[number]), on: offset)
            continue
        }
        append(nextStep(&snapshots[number], step, number: number, on: day), on: offset)
        // A concluded case is never changed again: its snapshot need not be kept.
        if step == 3 { snapshots[number] = Intake.Case() }
    }
    return events
}

// MARK: replay

// A phase given 0 is skipped, so one phase can be profiled alone.
/// Applies `feed` to an empty database a batch per write, as the follower does, and prints
/// changes per second.
func replay(_ feed: [Intake.ChangeEvent], order: String, batchSize: Int) async throws {
    let path = "/tmp/assessment-bench-\(getpid()).sqlite"
    let database = try Database.open(path: path, migrations: AssessmentSchema.migrations)
    let service = AssessmentService(
        database: database, progress: { FeedProgress(applied: 0, upstreamHead: nil, connected: true) })
    let apply = service.projection
    let start = ContinuousClock.now
    var index = 0
    while index < feed.count {
        let batch = Array(feed[index..<min(index + batchSize, feed.count)])
        try await database.write { tx in
            try apply(tx, batch)
            try tx.setCursor("intake", to: batch.last!.sequence)
        }
        index += batch.count
    }
    let elapsed = seconds(since: start)
    print(
        "replay order=\(order) events=\(feed.count) batch=\(batchSize) seconds=\(fixed(elapsed)) events_per_s=\(Int(Double(feed.count) / elapsed))"
    )
    database.close()
    for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
}

/// The floor under a replay: the same writes with a row for each change, every row an
/// upsert of 19 integer columns (the width of a case's row; the projection writes two per
/// changed case, its facts and its risk facts) and nothing else. Rows per second.
func rowFloor(rows count: Int, batchSize: Int) async throws {
    let path = "/tmp/assessment-bench-floor-\(getpid()).sqlite"
    let columns = (1...18).map { "c\($0)" }
    let database = try Database.open(
        path: path,
        migrations: [
            Migration(
                name: "floor",
                sql:
                    "CREATE TABLE t (id INTEGER PRIMARY KEY, \(columns.map { "\($0) INTEGER" }.joined(separator: ", ")))"
            )
        ])
    let sql = """
        INSERT INTO t (id, \(columns.joined(separator: ", "))) VALUES (?\(String(repeating: ", ?", count: 18)))
        ON CONFLICT (id) DO UPDATE SET \(columns.map { "\($0) = excluded.\($0)" }.joined(separator: ", "))
        """
    let start = ContinuousClock.now
    var written = 0
    while written < count {
        let first = written
        let last = min(written + batchSize, count)
        try await database.write { tx in
            // Four rows per case in turn, as four changes of one case would rewrite it.
            for row in first..<last {
                try tx.execute(sql, arguments: [Int64(row / 4)] + (1...18).map { Int64(row &* $0) })
            }
        }
        written = last
    }
    let elapsed = seconds(since: start)
    print("floor rows=\(count) batch=\(batchSize) seconds=\(fixed(elapsed)) rows_per_s=\(Int(Double(count) / elapsed))")
    database.close()
    for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
}

if replayEvents > 0 {
    try await replay(chronologicalFeed(events: replayEvents), order: "chronological", batchSize: replayBatch)
    try await rowFloor(rows: replayEvents, batchSize: replayBatch)
}
if burstEvents > 0 {
    try await replay(syntheticFeed(events: burstEvents), order: "bursts", batchSize: replayBatch)
}

// MARK: follow

/// An intake and an assessment host on loop threads of their own, in memory; the assessment
/// follows the intake over TCP on loopback, as two processes would.
nonisolated func startHost(_ definitions: [ServiceDefinition], selected: [String], intake: Int? = nil) async throws -> (
    EventLoopThread, ServiceHost, Int
) {
    let thread = EventLoopThread()
    var configuration = ServiceHost.Configuration()
    configuration.storage = .inMemory
    configuration.server.port = 0
    configuration.log = LogOptions(format: .text, level: .error)
    if let intake { configuration.upstreamAddresses["intake"] = ServiceAddress(host: "127.0.0.1", port: intake) }
    let config = configuration
    let loop = thread.loop
    let (box, port) = try await withCheckedThrowingContinuation {
        (continuation: CheckedContinuation<(UncheckedHost, Int), any Error>) in
        loop.execute {
            do {
                let host = try ServiceHost(
                    loop: loop, definitions: definitions, selected: selected, configuration: config)
                let address = try host.start()
                continuation.resume(returning: (UncheckedHost(host: host), address.port))
            } catch {
                continuation.resume(throwing: error)
            }
        }
    }
    return (thread, box.host, port)
}

struct UncheckedHost: @unchecked Sendable { let host: ServiceHost }

/// A lock-guarded value tasks share.
final class Shared<Value: Sendable>: Sendable {
    let value: Mutex<Value>
    init(_ initial: Value) { value = Mutex(initial) }
}

nonisolated func stop(_ thread: EventLoopThread, _ host: ServiceHost) async {
    let box = UncheckedHost(host: host)
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
        thread.loop.execute { box.host.shutdown { continuation.resume() } }
    }
    thread.shutDown()
}

nonisolated let definitions = [IntakeService.definition, AssessmentService.definition()]

/// Files `cases` first-instance cases through ImportCases, each concluded (2 changes a case).
nonisolated func fill(_ client: Intake.IntakeService.Client, cases: Int, first: Int = 1) async throws -> (
    region: String, agency: String
) {
    var city = Intake.CreateRegionRequest()
    city.requestId = "bench-city"
    city.name = "淮州市"
    city.regionKind = .city
    city.divisionCode = "320300"
    _ = try? await client.createRegion(city)
    var county = Intake.CreateRegionRequest()
    county.requestId = "bench-county"
    county.name = "湖滨区"
    county.regionKind = .district
    county.divisionCode = "320302"
    let region = try await client.createRegion(county)
    var agencyRequest = Intake.CreateAgencyRequest()
    agencyRequest.requestId = "bench-agency"
    agencyRequest.name = "湖滨区人民政府"
    agencyRequest.agencyType = .peoplesGovernment
    agencyRequest.level = .county
    agencyRequest.regionId = region.id
    let agency = try await client.createAgency(agencyRequest)
    let call = client.importCases()
    for number in first..<(first + cases) {
        var filing = Intake.FileCaseRequest()
        filing.requestId = "bench-case-\(number)"
        filing.kind = .litigation
        filing.instance = .first
        filing.docketNumber = "(2022)苏03行初\(number)号"
        filing.category = .penalty
        filing.defendantAgencyId = agency.id
        filing.regionId = region.id
        filing.filedOn = CivilDate(year: 2022, month: 1, day: 1)!.adding(days: Int64(number % 300))!.date
        filing.courtName = "淮州市中级人民法院"
        filing.plaintiffKind = .naturalPerson
        var concluded = Intake.Concluded()
        concluded.outcome = number % 11 == 0 ? .revoked : .claimDismissed
        concluded.concludedOn = CivilDate(year: 2022, month: 11, day: 1)!.adding(days: Int64(number % 50))!.date
        concluded.instance = .first
        var event = Intake.CaseEvent()
        event.event = .concluded(concluded)
        var row = Intake.ImportCasesRequest()
        row.rowNumber = Int64(number)
        row.filing = filing
        row.events = [event]
        try await call.send(row)
    }
    call.closeSend()
    _ = try await call.response()
    return (region.id, agency.id)
}

if followEvents > 0 {
    let (intakeThread, intakeHost, intakePort) = try await startHost(definitions, selected: ["intake"])
    let intakeChannel = try Channel(host: "127.0.0.1", port: intakePort)
    let intake = Intake.IntakeService.Client(channel: intakeChannel)
    _ = try await fill(intake, cases: followEvents / 2)
    let head = try await intake.getFeedHead(Intake.GetFeedHeadRequest()).sequence
    let start = ContinuousClock.now
    let (assessmentThread, assessmentHost, assessmentPort) = try await startHost(
        definitions, selected: ["assessment"], intake: intakePort)
    let assessmentChannel = try Channel(host: "127.0.0.1", port: assessmentPort)
    let assessment = V1.AssessmentService.Client(channel: assessmentChannel)
    var request = V1.GetIndicatorsRequest()
    var scope = Shuangjiang.Common.V1.Scope()
    scope.unit = .city(Google.Protobuf.Empty())
    request.scope = scope
    var period = Shuangjiang.Common.V1.Period()
    period.kind = .year
    period.year = 2022
    request.period = period
    request.minIntakeSequence = head
    var options = CallOptions()
    options.timeout = .seconds(600)
    _ = try await assessment.getIndicators(request, options: options)
    let elapsed = seconds(since: start)
    print("follow events=\(head) seconds=\(fixed(elapsed)) events_per_s=\(Int(Double(head) / elapsed))")
    assessmentChannel.close()
    intakeChannel.close()
    await stop(assessmentThread, assessmentHost)
    await stop(intakeThread, intakeHost)
}

// MARK: delay and queries

/// Off the main actor: the calls run in task groups.
nonisolated func delayAndQueries(delayEvents: Int, queries: Int) async throws {
    let (thread, host, port) = try await startHost(definitions, selected: ["intake", "assessment"])
    let channel = try Channel(host: "127.0.0.1", port: port)
    let intake = Intake.IntakeService.Client(channel: channel)
    let assessment = V1.AssessmentService.Client(channel: channel)
    let (region, agency) = try await fill(intake, cases: 2_000)
    var scope = Shuangjiang.Common.V1.Scope()
    scope.unit = .regionId(region)
    var yearPeriod = Shuangjiang.Common.V1.Period()
    yearPeriod.kind = .year
    yearPeriod.year = 2022
    let period = yearPeriod
    let regionScope = scope
    // The delay is measured in the steady state: first let assessment catch up with the fill,
    // or the first writes measure the catch-up queue instead.
    var caughtUp = V1.GetIndicatorsRequest()
    caughtUp.scope = regionScope
    caughtUp.period = period
    caughtUp.minIntakeSequence = try await intake.getFeedHead(Intake.GetFeedHeadRequest()).sequence
    var patient = CallOptions()
    patient.timeout = .seconds(300)
    _ = try await assessment.getIndicators(caughtUp, options: patient)

    // One case filed each millisecond; each measured from the acknowledgement of its filing
    // until GetIndicators (asked for that intake sequence) answers with it.
    let delays = Shared<[Int]>([])
    let start = ContinuousClock.now
    try await withThrowingTaskGroup(of: Void.self) { group in
        for index in 0..<delayEvents {
            let due = start.advanced(by: .milliseconds(index))
            if due > ContinuousClock.now { try await Task.sleep(until: due) }
            group.addTask {
                var filing = Intake.FileCaseRequest()
                filing.requestId = "delay-\(index)"
                filing.kind = .litigation
                filing.instance = .first
                filing.docketNumber = "(2022)苏03行初\(100_000 + index)号"
                filing.category = .penalty
                filing.defendantAgencyId = agency
                filing.regionId = region
                filing.filedOn = CivilDate(year: 2022, month: 3, day: 1)!.date
                filing.courtName = "淮州市中级人民法院"
                filing.plaintiffKind = .naturalPerson
                _ = try await intake.fileCase(filing)
                let acknowledged = ContinuousClock.now
                let head = try await intake.getFeedHead(Intake.GetFeedHeadRequest()).sequence
                var request = V1.GetIndicatorsRequest()
                request.scope = regionScope
                request.period = period
                request.minIntakeSequence = head
                _ = try await assessment.getIndicators(request)
                let (s, atto) = (ContinuousClock.now - acknowledged).components
                let micros = Int(s) * 1_000_000 + Int(atto / 1_000_000_000_000)
                delays.value.withLock { $0.append(micros) }
            }
        }
        try await group.waitForAll()
    }
    let sorted = delays.value.withLock { $0.sorted() }
    let rate = Double(delayEvents) / seconds(since: start)
    print(
        "delay writes=\(delayEvents) rate_per_s=\(Int(rate)) p50_us=\(percentile(sorted, 0.5)) p90_us=\(percentile(sorted, 0.9)) p99_us=\(percentile(sorted, 0.99)) max_us=\(sorted.last ?? 0)"
    )

    func throughput(_ name: String, _ call: @escaping @Sendable () async throws -> Void) async throws {
        let next = Shared(0)
        let total = queries
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<64 {
                group.addTask {
                    while next.value.withLock({ value -> Bool in
                        value += 1
                        return value <= total
                    }) {
                        try await call()
                    }
                }
            }
            try await group.waitForAll()
        }
        let elapsed = seconds(since: start)
        print("queries rpc=\(name) concurrency=64 calls=\(total) calls_per_s=\(Int(Double(total) / elapsed))")
    }
    var indicators = V1.GetIndicatorsRequest()
    indicators.scope = scope
    indicators.period = period
    let indicatorsRequest = indicators
    try await throughput("GetIndicators") { _ = try await assessment.getIndicators(indicatorsRequest) }
    var rank = V1.RankUnitsRequest()
    rank.unitKind = .region
    rank.indicator = .lossRate
    rank.period = period
    let rankRequest = rank
    try await throughput("RankUnits") { _ = try await assessment.rankUnits(rankRequest) }
    channel.close()
    await stop(thread, host)
}

if delayEvents > 0 || queries > 0 { try await delayAndQueries(delayEvents: delayEvents, queries: queries) }
