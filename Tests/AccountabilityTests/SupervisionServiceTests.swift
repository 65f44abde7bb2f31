import Accountability
import Assessment
import GRPCCore
import Messages
import ServiceKit
import SharedDomain
import Stubs
import Testing

/// Supervised cases through the public RPCs.
@Suite struct SupervisionServiceTests {
    typealias V1 = Shuangjiang.Accountability.V1
    typealias H = AccountabilityHarness

    static func highRisk(_ record: Shuangjiang.Intake.V1.Case, sequence: Int64, at instant: Instant)
        -> Shuangjiang.Assessment.V1.Alert
    {
        var assessment = Shuangjiang.Assessment.V1.CaseAssessment()
        assessment.caseId = record.id
        assessment.docketNumber = record.docketNumber
        assessment.regionId = record.regionId
        assessment.defendantAgencyId = record.defendantAgencyId
        assessment.riskLevel = .red
        assessment.score = 81
        var found = Shuangjiang.Assessment.V1.HighRiskCaseFound()
        found.assessment = assessment
        var alert = Shuangjiang.Assessment.V1.Alert()
        alert.sequence = sequence
        alert.kind = .highRiskCase
        alert.createdAt = instant.timestamp
        alert.details = .highRiskCase(found)
        return alert
    }

    func open(_ harness: AccountabilityHarness, _ record: Shuangjiang.Intake.V1.Case, id: String, due: Instant)
        async throws -> V1.Supervision
    {
        var request = V1.OpenSupervisionRequest()
        request.requestId = id
        request.kind = .leaderOwnership
        request.caseId = record.id
        request.regionId = record.regionId
        request.ownerName = "王副县长"
        request.ownerPosition = "县政府副县长"
        request.plan = "一案一策: 约见原告, 协调补偿"
        request.dueAt = due.timestamp
        request.openedBy = "市司法局 张三"
        return try await harness.accountability.openSupervision(request)
    }

    /// A HIGH_RISK_CASE alert opens a supervision with the configured owner and plan, due the
    /// configured days after the alert; the same case gets no second one while it is open, and the
    /// same alert never acts twice.
    @Test func aHighRiskAlertOpensOneSupervisionWithTheConfiguredDefaults() async throws {
        var rules = AccountabilityRules()
        rules.supervision.dueDays = 20
        rules.supervision.ownerName = "县长"
        let harness = try await AccountabilityHarness(rules: rules)
        let county = try await harness.region("宿豫区", code: "321311")
        let agency = try await harness.agency("宿豫区住房和城乡建设局", in: county)
        let record = try await harness.file(agency, filed: .on(2024, 9, 1))
        let raised = harness.clock.now().adding(seconds: -86_400)
        let alert = Self.highRisk(record, sequence: 500, at: raised)
        try await harness.apply(alert)
        try await harness.apply(alert)
        try await harness.apply(Self.highRisk(record, sequence: 501, at: raised))
        let all = try await harness.accountability.listSupervisions(V1.ListSupervisionsRequest()).supervisions
        #expect(all.count == 1)
        let opened = try #require(all.first)
        #expect(opened.caseId == record.id && opened.regionId == county.id && opened.kind == .listed)
        #expect(opened.ownerName == "县长" && opened.plan == rules.supervision.plan && opened.openedBy == "system")
        #expect(opened.dueAt == raised.adding(seconds: 20 * 86_400).timestamp)
        #expect(opened.reminderLead?.seconds == 3 * 86_400 && opened.alertSequence == 500 && opened.state == .active)
        // By hand, the case is already supervised.
        let second = await failure {
            try await open(harness, record, id: "dup", due: harness.clock.now().adding(seconds: 86_400))
        }
        #expect(second?.code == .failedPrecondition && second?.message.contains(opened.id) == true)
        await harness.stop()
    }

    /// Risk scored on a case's plaintiffs alone: five make it red at once.
    static let plaintiffsOnly = AssessmentRules(
        risk: CaseRiskRules(weights: [.multiplePlaintiffs: 50], redThreshold: 40, yellowThreshold: 20))

    /// intake: a case with five plaintiffs → assessment: HIGH_RISK_CASE → accountability: one
    /// supervision under the configured owner, due 30 days after the alert.
    @Test func aCaseTurningRedInIntakeBecomesASupervisedItem() async throws {
        let harness = try await AccountabilityHarness(assessmentRules: Self.plaintiffsOnly)
        let county = try await harness.region("泗洪县", code: "321324")
        let agency = try await harness.agency("泗洪县人民政府", in: county)
        let record = try await harness.file(agency, filed: .on(2024, 11, 4), plaintiffs: 5)
        try await harness.file(agency, filed: .on(2024, 11, 4))
        try await harness.sync()
        let alert = try #require(try await harness.alerts().first { $0.kind == .highRiskCase })
        let all = try await harness.accountability.listSupervisions(V1.ListSupervisionsRequest()).supervisions
        #expect(all.count == 1)
        #expect(all.first?.caseId == record.id && all.first?.regionId == county.id)
        #expect(all.first?.alertSequence == alert.sequence && all.first?.openedBy == "system")
        #expect(all.first?.dueAt == Instant(alert.createdAt)!.adding(seconds: 30 * 86_400).timestamp)
        #expect(all.first?.ownerName == AccountabilityRules().supervision.ownerName)
        await harness.stop()
    }

    /// Progress, a new deadline with its reason and a new owner are kept in `updates` with what
    /// they replaced; a close-out is final; versions are checked; a closed case can be supervised
    /// anew.
    @Test func updatesKeepTheHistoryAndACloseOutIsFinal() async throws {
        let harness = try await AccountabilityHarness()
        let county = try await harness.region("泗阳县", code: "321323")
        let other = try await harness.region("沭阳县", code: "321322")
        let agency = try await harness.agency("泗阳县人民政府", in: county)
        let record = try await harness.file(agency, filed: .on(2024, 9, 1))
        let now = harness.clock.now()
        let opened = try await open(harness, record, id: "s1", due: now.adding(seconds: 10 * 86_400))
        #expect(opened.version == 1 && opened.kind == .leaderOwnership && opened.reminderLead?.seconds == 3 * 86_400)

        var update = V1.UpdateSupervisionRequest()
        update.supervisionId = opened.id
        update.expectedVersion = 1
        update.requestId = "u1"
        update.note = "已约见原告, 初步达成补偿意向"
        update.recordedBy = "王副县长"
        update.newDueAt = now.adding(seconds: 20 * 86_400).timestamp
        update.newDueReason = "评估报告需补充"
        var owner = V1.OwnerChange()
        owner.ownerName = "李副县长"
        owner.ownerPosition = "县政府副县长"
        owner.reason = "王副县长调任"
        update.newOwner = owner
        let updated = try await harness.accountability.updateSupervision(update)
        #expect(updated.version == 2 && updated.ownerName == "李副县长" && updated.dueAt == update.newDueAt)
        let entry = try #require(updated.updates.first)
        #expect(entry.previousDueAt == opened.dueAt && entry.newDueReason == "评估报告需补充")
        #expect(entry.ownerChange?.previousOwnerName == "王副县长" && entry.ownerChange?.ownerName == "李副县长")
        #expect(try await harness.accountability.updateSupervision(update) == updated)  // a retry

        var bad = update
        bad.requestId = "u2"
        bad.expectedVersion = 2
        bad.newDueAt = now.adding(seconds: -1).timestamp
        bad.newDueReason = ""
        bad.newOwner?.reason = ""
        let invalid = await failure { try await harness.accountability.updateSupervision(bad) }
        #expect(Set(invalid?.violatedFields ?? []) == ["new_due_at", "new_due_reason", "new_owner.reason"])
        var stale = update
        stale.requestId = "u3"
        let aborted = await failure { try await harness.accountability.updateSupervision(stale) }
        #expect(aborted?.code == .aborted)

        var close = V1.CloseSupervisionRequest()
        close.supervisionId = opened.id
        close.expectedVersion = 2
        close.requestId = "c1"
        close.result = .resolved
        close.summary = "原告撤诉, 争议化解"
        close.closedBy = "市司法局 张三"
        let closed = try await harness.accountability.closeSupervision(close)
        #expect(closed.state == .closed && closed.closeOut?.result == .resolved && closed.version == 3)
        close.requestId = "c2"
        close.expectedVersion = 3
        let again = await failure { try await harness.accountability.closeSupervision(close) }
        #expect(again?.code == .failedPrecondition)
        var late = update
        late.requestId = "u4"
        late.expectedVersion = 3
        late.newDueAt = nil
        late.newDueReason = ""
        late.newOwner = nil
        let afterClose = await failure { try await harness.accountability.updateSupervision(late) }
        #expect(afterClose?.code == .failedPrecondition)

        // Closed: the case may be supervised anew; the region must be the case's; unknown is NOT_FOUND.
        let anew = try await open(harness, record, id: "s2", due: now.adding(seconds: 5 * 86_400))
        #expect(anew.id != opened.id)
        var wrong = V1.OpenSupervisionRequest()
        wrong.requestId = "w"
        wrong.kind = .listed
        wrong.caseId = record.id
        wrong.regionId = other.id
        wrong.ownerName = "x"
        wrong.ownerPosition = "y"
        wrong.plan = "z"
        wrong.dueAt = now.adding(seconds: 86_400).timestamp
        wrong.openedBy = "me"
        let region = await failure { try await harness.accountability.openSupervision(wrong) }
        #expect(region?.code == .invalidArgument && region?.violatedFields == ["region_id"])
        wrong.caseId = "case-404"
        let missing = await failure { try await harness.accountability.openSupervision(wrong) }
        #expect(missing?.code == .notFound && missing?.message.hasPrefix("case_id:") == true)

        var list = V1.ListSupervisionsRequest()
        list.state = .closed
        #expect(try await harness.accountability.listSupervisions(list).supervisions.map(\.id) == [opened.id])
        list = V1.ListSupervisionsRequest()
        list.caseId = record.id
        #expect(try await harness.accountability.listSupervisions(list).supervisions.map(\.id) == [anew.id, opened.id])
        await harness.stop()
    }
}
