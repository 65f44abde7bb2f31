import Accountability
import GRPC
import Messages
import ServiceKit
import Testing

/// The fingerprint accountability records of the alert at its cursor: what tells a restored
/// assessment's other history from the same alerts raised again by a rebuild.
@Suite struct AlertFeedFingerprintTests {
    typealias V1 = Shuangjiang.Assessment.V1

    static func alert(sequence: Int64, caseId: String, createdAt seconds: Int64) -> V1.Alert {
        var alert = V1.Alert()
        alert.sequence = sequence
        alert.kind = .caseLost
        var lost = V1.CaseLost()
        lost.caseId = caseId
        lost.docketNumber = "(2022)苏1322行初\(sequence)号"
        alert.details = .caseLost(lost)
        var created = Google.Protobuf.Timestamp()
        created.seconds = seconds
        alert.createdAt = created
        return alert
    }

    @Test func theSameAlertRaisedAgainLaterHasTheSameFingerprintAndAnotherAlertNot() throws {
        // Never dialled: the fingerprint is computed from the event alone.
        let channel = try Channel(host: "127.0.0.1", port: 9)
        defer { channel.close() }
        let fingerprint = try #require(UpstreamFeed.assessmentAlerts(channel).fingerprint)
        let original = Self.alert(sequence: 7, caseId: "case-42", createdAt: 1_650_000_000)
        let rebuilt = Self.alert(sequence: 7, caseId: "case-42", createdAt: 1_700_000_000)
        #expect(fingerprint(original) == fingerprint(rebuilt), "a replay raises it again at a new time")
        #expect(
            fingerprint(original) != fingerprint(Self.alert(sequence: 7, caseId: "case-43", createdAt: 1_650_000_000)))
        #expect(
            fingerprint(original) != fingerprint(Self.alert(sequence: 8, caseId: "case-42", createdAt: 1_650_000_000)))
    }
}
