import GRPC
import GRPCCore
import Intake
import Messages
import ServiceKit
import SharedDomain
import Stubs
import Testing

/// ReportOpinion with the milestones an incident already has (history loaded after an outage of
/// the cyberspace office's monitor).
@Suite struct OpinionHistoryTests {
    typealias V1 = Shuangjiang.Intake.V1

    static let detected = IntakeHarness.start.adding(seconds: -3 * 86_400)

    static func at(hours: Double) -> Google.Protobuf.Timestamp {
        detected.adding(seconds: Int64(hours * 3600)).timestamp
    }

    static func milestone(_ kind: V1.MilestoneKind, _ occurredAt: Google.Protobuf.Timestamp?, note: String = "")
        -> V1.ReportedMilestone
    {
        var milestone = V1.ReportedMilestone()
        milestone.kind = kind
        milestone.occurredAt = occurredAt
        milestone.note = note
        return milestone
    }

    static func report(_ h: IntakeHarness, requestId: String, milestones: [V1.ReportedMilestone])
        -> V1.ReportOpinionRequest
    {
        var report = V1.ReportOpinionRequest()
        report.requestId = requestId
        report.departmentAgencyId = h.agency.id
        report.regionId = h.district.id
        report.category = .riskAdversarialReading
        report.source = "抖音"
        report.detectedAt = detected.timestamp
        report.importance = .important
        report.summary = "a notice read as its opposite"
        report.milestones = milestones
        return report
    }

    @Test func anIncidentIsReportedWithTheMilestonesItAlreadyHasAndJudgedOnWhenEachOccurred() async throws {
        let h = try await IntakeHarness.make()
        let history = [
            Self.milestone(.mediaAttention, Self.at(hours: 1)),
            Self.milestone(.reportedUp, Self.at(hours: 2), note: "late: the monitor was down"),
            Self.milestone(.firstStatement, Self.at(hours: 7)),  // exactly 6 h after attention: on time
            Self.milestone(.closed, Self.at(hours: 48)),
        ]
        let opinion = try await h.client.reportOpinion(Self.report(h, requestId: "history-1", milestones: history))
        #expect(opinion.version == 1, "milestones reported with the incident are part of version 1")
        #expect(opinion.milestones.map(\.kind) == [.mediaAttention, .reportedUp, .firstStatement, .closed])
        #expect(opinion.milestones.map(\.occurredAt) == history.map(\.occurredAt))
        #expect(opinion.milestones[1].note == "late: the monitor was down")
        #expect(opinion.milestones.allSatisfy { $0.recordedAt == IntakeHarness.start.timestamp })
        #expect(opinion.mediaAttentionAt == Self.at(hours: 1))
        #expect(opinion.state == .closed)
        #expect(opinion.deadlines.map(\.kind) == [.reportUp, .firstStatement, .inquiriesAccepted, .formalResponse])
        #expect(opinion.deadlines.map(\.status) == [.missed, .met, .missed, .missed])
        #expect(opinion.deadlines[0].metAt == Self.at(hours: 2))

        var get = V1.GetOpinionRequest()
        get.id = opinion.id
        #expect(try await h.client.getOpinion(get) == opinion)
        var watch = V1.WatchEventsRequest()
        watch.stopAtHead = true
        let changes = try await h.client.watchEvents(watch).responses.reduce(into: [V1.ChangeEvent]()) { $0.append($1) }
        guard case .opinionReported(let reported) = changes.last?.change else {
            Issue.record("the last change is not opinion_reported")
            return
        }
        #expect(reported.milestones == opinion.milestones, "the feed carries the incident with its milestones")

        var after = V1.RecordOpinionMilestoneRequest()
        after.opinionId = opinion.id
        after.expectedVersion = 1
        after.requestId = "after-close"
        after.kind = .formalResponse
        after.occurredAt = Self.at(hours: 49)
        let error = await #expect(throws: RPCError.self) { try await h.client.recordOpinionMilestone(after) }
        #expect(
            error?.code == .failedPrecondition
                && error?.message.contains(OpinionRule.milestoneAfterClose.rawValue) == true)

        // A retry returns the incident as first reported.
        #expect(
            try await h.client.reportOpinion(Self.report(h, requestId: "history-1", milestones: history)) == opinion)
        #expect(await h.stop())
    }

    @Test func everyBadMilestoneOfAHistoryIsNamedAndNothingIsWritten() async throws {
        let h = try await IntakeHarness.make()
        var report = Self.report(
            h, requestId: "bad-history",
            milestones: [
                Self.milestone(.reportedUp, Self.at(hours: -1)),  // before detection
                Self.milestone(.mediaAttention, Self.at(hours: 2)),  // also given as media_attention_at
                Self.milestone(.firstStatement, Self.at(hours: 1.5)),  // before the one listed before it
                Self.milestone(.closed, Self.at(hours: 3)),
                // After CLOSED, and in the future.
                Self.milestone(.formalResponse, IntakeHarness.start.adding(seconds: 60).timestamp),
                Self.milestone(.unspecified, nil),
            ])
        report.mediaAttentionAt = Self.at(hours: 0.5)
        let error = await #expect(throws: RPCError.self) { try await h.client.reportOpinion(report) }
        #expect(error?.code == .invalidArgument)
        #expect(
            Set(error?.violatedFields ?? []) == [
                "milestones[0].occurred_at", "milestones[1].kind", "milestones[2].occurred_at", "milestones[4].kind",
                "milestones[4].occurred_at", "milestones[5].kind", "milestones[5].occurred_at",
            ])

        let twice = Self.report(
            h, requestId: "twice",
            milestones: [
                Self.milestone(.firstStatement, Self.at(hours: 1)), Self.milestone(.firstStatement, Self.at(hours: 2)),
            ])
        let repeated = await #expect(throws: RPCError.self) { try await h.client.reportOpinion(twice) }
        #expect(repeated?.code == .invalidArgument && repeated?.violatedFields == ["milestones[1].kind"])

        let many = Self.report(
            h, requestId: "many", milestones: (0..<7).map { _ in Self.milestone(.firstStatement, Self.at(hours: 1)) })
        let tooMany = await #expect(throws: RPCError.self) { try await h.client.reportOpinion(many) }
        #expect(tooMany?.violatedFields == ["milestones"], "one violation, however long the list")

        #expect(try await h.client.listOpinions(V1.ListOpinionsRequest()).opinions.isEmpty, "all or nothing")
        #expect(await h.stop())
    }
}
