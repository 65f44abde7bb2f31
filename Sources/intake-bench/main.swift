// intake-bench --port N [--requests N] [--concurrency N]: FileCase, then RecordCaseEvent on each
// filed case, against a running shuangjiang-server; prints requests/s and latency percentiles.
// Used by `make bench` (bench/run.py starts a durable server for it); not a test.
import GRPC
import GRPCCore
import Messages
import Stubs
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

typealias V1 = Shuangjiang.Intake.V1

var port = 50051
var requests = 20_000
var concurrencies = [1, 64]
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    let value = arguments.popFirst().flatMap { Int($0) }
    switch (argument, value) {
    case ("--port", let value?): port = value
    case ("--requests", let value?): requests = value
    case ("--concurrency", let value?): concurrencies = [value]
    default:
        print("usage: intake-bench --port N [--requests N] [--concurrency N]")
        exit(2)
    }
}

let channel = try Channel(host: "127.0.0.1", port: port)
let client = V1.IntakeService.Client(channel: channel)
// Request ids differ between runs against one server (docket numbers do not: use a fresh one).
let runID = UInt64(time(nil)) ^ UInt64(getpid())

func setUp() async throws -> (region: String, agency: String) {
    var city = V1.CreateRegionRequest()
    city.requestId = "bench-city"
    city.name = "徐州市"
    city.regionKind = .city
    city.divisionCode = "320300"
    _ = try? await client.createRegion(city)
    var district = V1.CreateRegionRequest()
    district.requestId = "bench-district"
    district.name = "鼓楼区"
    district.regionKind = .district
    district.divisionCode = "320302"
    let region = try await client.createRegion(district)
    var agency = V1.CreateAgencyRequest()
    agency.requestId = "bench-agency"
    agency.name = "鼓楼区市场监督管理局"
    agency.agencyType = .marketRegulation
    agency.level = .county
    agency.regionId = region.id
    return (region.id, try await client.createAgency(agency).id)
}

/// Runs `count` calls with `concurrency` in flight; returns (seconds, sorted latencies in µs).
func measure(count: Int, concurrency: Int, _ call: @escaping @Sendable (Int) async throws -> Void) async throws
    -> (Double, [Double])
{
    let start = ContinuousClock.now
    let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
        for worker in 0..<concurrency {
            // On the channel's own loop: building, encoding and completing calls there needs no
            // cross-thread hop per call, so the client takes less of the machine from the server.
            group.addTask(executorPreference: channel.loop) {
                var mine: [Double] = []
                var index = worker
                while index < count {
                    let began = ContinuousClock.now
                    try await call(index)
                    let elapsed = ContinuousClock.now - began
                    mine.append(
                        Double(elapsed.components.attoseconds) / 1e12 + Double(elapsed.components.seconds) * 1e6)
                    index += concurrency
                }
                return mine
            }
        }
        var all: [Double] = []
        for try await part in group { all += part }
        return all.sorted()
    }
    let elapsed = ContinuousClock.now - start
    return (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18, latencies)
}

func report(_ name: String, _ concurrency: Int, _ result: (Double, [Double])) {
    let (seconds, latencies) = result
    let p50 = latencies[latencies.count / 2]
    let p99 = latencies[min(latencies.count - 1, latencies.count * 99 / 100)]
    let rate = Double(latencies.count) / seconds
    print(
        "\(name) concurrency=\(concurrency) requests=\(latencies.count) rps=\(Int(rate)) p50_us=\(Int(p50)) p99_us=\(Int(p99))"
    )
}

let (region, agency) = try await setUp()
for concurrency in concurrencies {
    let tag = "\(runID)-\(concurrency)"
    let caseIDs = Mutex([String](repeating: "", count: requests))
    let filed = try await measure(count: requests, concurrency: concurrency) { index in
        var request = V1.FileCaseRequest()
        request.requestId = "bench-\(tag)-\(index)"
        request.kind = .litigation
        request.instance = .first
        // Unique per phase: docket numbers are unique per court, sequences have at most 9 digits.
        request.docketNumber = "(2024)苏03行初\(concurrency % 1000 * 1_000_000 + index + 1)号"
        request.category = .penalty
        request.defendantAgencyId = agency
        request.regionId = region
        var filedOn = Shuangjiang.Common.V1.Date()
        filedOn.year = 2024
        filedOn.month = 3
        filedOn.day = 1
        request.filedOn = filedOn
        request.courtName = "徐州市中级人民法院"
        request.plaintiffKind = .naturalPerson
        let filed = try await client.fileCase(request)
        caseIDs.withLock { $0[index] = filed.id }
    }
    report("FileCase", concurrency, filed)
    let ids = caseIDs.withLock { $0 }
    let recorded = try await measure(count: requests, concurrency: concurrency) { index in
        var hearing = V1.HearingScheduled()
        hearing.courtName = "徐州市中级人民法院"
        var at = Google.Protobuf.Timestamp()
        at.seconds = 1_711_935_000  // 2024-04-01, after the filing date
        hearing.hearingAt = at
        var request = V1.RecordCaseEventRequest()
        request.caseId = ids[index]
        request.expectedVersion = 1
        request.requestId = "bench-event-\(tag)-\(index)"
        request.event = .hearingScheduled(hearing)
        _ = try await client.recordCaseEvent(request)
    }
    report("RecordCaseEvent", concurrency, recorded)
}
channel.close()
