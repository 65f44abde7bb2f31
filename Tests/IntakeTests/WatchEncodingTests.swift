import Messages
import SharedDomain
import Storage
import Testing

@testable import Intake

/// WatchEvents sends each change spliced from its stored bytes (IntakeService.encodedChange)
/// instead of decoding it and encoding it again; the bytes must be exactly what encoding the
/// decoded event gives, for every kind of change and every commit time a Timestamp can hold.
@Suite struct WatchEncodingTests {
    typealias V1 = Shuangjiang.Intake.V1

    static func changes() throws -> [(kind: String, payload: [UInt8])] {
        var region = V1.Region()
        region.id = "regions/1"
        region.name = "沭阳县"
        var agency = V1.Agency()
        agency.id = "agencies/2"
        agency.regionId = region.id
        var filedCase = V1.Case()
        filedCase.id = "cases/3"
        filedCase.defendantAgencyId = agency.id
        filedCase.docketNumber = "(2024)苏1322行初12号"
        filedCase.version = 1
        var recorded = V1.CaseEventRecorded()
        recorded.caseSnapshot = filedCase
        var changes: [V1.ChangeEvent.Change] = [
            .regionCreated(region), .agencyCreated(agency), .caseFiled(filedCase), .caseEventRecorded(recorded),
        ]
        changes.append(.opinionReported(V1.Opinion()))
        return try changes.map { change in
            var event = V1.ChangeEvent()
            event.change = change
            return ("change", try event.serializedBytes())
        }
    }

    /// (sequence, commit time in ms): zeros, a negative time (nanos and seconds of opposite
    /// signs before normalising), the earliest Timestamp (0001-01-01), the largest sequence.
    static let positions: [(Int64, Int64)] = [
        (1, 1_733_000_000_123), (41, 0), (7, 999), (Int64.max, 1000), (12, -1), (3, -62_135_596_800_000),
    ]

    @Test func theSplicedEventIsTheEncodingOfTheDecodedOne() throws {
        for (kind, payload) in try Self.changes() {
            for (sequence, committedAt) in Self.positions {
                let row = FeedEvent(seq: sequence, kind: kind, payload: payload, committedAt: committedAt)
                var expected = try V1.ChangeEvent(serializedBytes: payload)
                expected.sequence = sequence
                let instant = Instant(milliseconds: committedAt)
                var timestamp = Google.Protobuf.Timestamp()
                timestamp.seconds = instant.seconds
                timestamp.nanos = instant.nanos
                expected.committedAt = timestamp
                let spliced = IntakeService.encodedChange(row)
                #expect(spliced == (try expected.serializedBytes()), "\(sequence) \(committedAt)")
                #expect(try V1.ChangeEvent(serializedBytes: spliced) == expected)
            }
        }
    }
}
