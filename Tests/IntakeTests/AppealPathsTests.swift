import GRPC
import GRPCCore
import Intake
import Messages
import Stubs
import Testing

/// An appeal recorded within the first-instance record and one filed as a linked second-instance
/// record leave the first-instance record in the same state with the same effective outcome, at
/// every step; an open retrial leaves the judgment in force on either path.
@Suite struct AppealPathsTests {
    typealias V1 = Shuangjiang.Intake.V1
    typealias E = CaseEvents

    /// What the two paths must agree on.
    struct Standing: Equatable, CustomStringConvertible {
        let state: V1.CaseState
        let firstInstanceOutcome: V1.CaseOutcome
        let finalOutcome: V1.CaseOutcome
        let finalConcludedOn: Shuangjiang.Common.V1.Date?
        let isLoss: Bool

        init(_ record: V1.Case) {
            state = record.state
            firstInstanceOutcome = record.firstInstanceOutcome
            finalOutcome = record.finalOutcome
            finalConcludedOn = record.finalConcludedOn
            isLoss = record.isLoss
        }

        var description: String {
            "\(state) first \(firstInstanceOutcome) final \(finalOutcome) on \(String(describing: finalConcludedOn)) "
                + "loss \(isLoss)"
        }
    }

    static func higher(_ h: IntakeHarness, _ sequence: Int, _ instance: V1.Instance, linkedTo first: String)
        -> V1.FileCaseRequest
    {
        var request = h.filing(sequence, requestId: "higher-\(sequence)", filedOn: E.day(2024, 5, 10))
        request.instance = instance
        request.docketNumber = instance == .second ? "(2024)苏行终\(sequence)号" : "(2024)苏行再\(sequence)号"
        request.courtName = "江苏省高级人民法院"
        request.relatedFirstInstanceCaseId = first
        return request
    }

    static func get(_ h: IntakeHarness, _ id: String) async throws -> V1.Case {
        var request = V1.GetCaseRequest()
        request.id = id
        return try await h.client.getCase(request)
    }

    @Test(arguments: [V1.CaseOutcome.varied, .appealDismissed, .remanded])
    func anAppealWithinTheRecordAndALinkedSecondInstanceRecordAgree(ruling: V1.CaseOutcome) async throws {
        let h = try await IntakeHarness.make()
        let judgment = E.concluded(.revoked, E.day(2024, 5, 1))
        let secondInstance = E.concluded(ruling, E.day(2024, 6, 10), instance: .second)

        var inRecord = try await h.client.fileCase(h.filing(1))
        inRecord = try await h.record(inRecord, judgment, requestId: "a1")
        let linkedFirst = try await h.record(try await h.client.fileCase(h.filing(2)), judgment, requestId: "b1")
        #expect(Standing(inRecord) == Standing(linkedFirst), "both judged")
        #expect(inRecord.finalOutcome == .revoked && inRecord.isLoss)

        inRecord = try await h.record(inRecord, E.appealed(E.day(2024, 5, 10)), requestId: "a2")
        let appeal = try await h.client.fileCase(Self.higher(h, 2, .second, linkedTo: linkedFirst.id))
        let suspended = try await Self.get(h, linkedFirst.id)
        #expect(Standing(inRecord) == Standing(suspended), "appealed: \(Standing(inRecord)) vs \(Standing(suspended))")
        #expect(suspended.state == .appealed && suspended.finalOutcome == .unspecified && !suspended.isLoss)

        inRecord = try await h.record(inRecord, secondInstance, requestId: "a3")
        _ = try await h.record(appeal, secondInstance, requestId: "b3")
        let settled = try await Self.get(h, linkedFirst.id)
        // Within the record the appeal's outcome is the record's; the linked record keeps its
        // own instance's state, CONCLUDED, as it was before the appeal.
        #expect(settled.state == .concluded && inRecord.state == .concluded)
        #expect(
            Standing(inRecord) == Standing(settled), "ruled \(ruling): \(Standing(inRecord)) vs \(Standing(settled))")
        #expect(await h.stop())
    }

    @Test func aWithdrawnAppealAgreesOnBothPaths() async throws {
        let h = try await IntakeHarness.make()
        let judgment = E.concluded(.confirmedIllegal, E.day(2024, 5, 1))
        var inRecord = try await h.record(try await h.client.fileCase(h.filing(1)), judgment, requestId: "a1")
        inRecord = try await h.record(inRecord, E.appealed(E.day(2024, 5, 10)), requestId: "a2")
        inRecord = try await h.record(inRecord, E.withdrawn(E.day(2024, 6, 3)), requestId: "a3")
        let linkedFirst = try await h.record(try await h.client.fileCase(h.filing(2)), judgment, requestId: "b1")
        let appeal = try await h.client.fileCase(Self.higher(h, 2, .second, linkedTo: linkedFirst.id))
        _ = try await h.record(appeal, E.withdrawn(E.day(2024, 6, 3)), requestId: "b2")
        let settled = try await Self.get(h, linkedFirst.id)
        #expect(Standing(inRecord) == Standing(settled), "\(Standing(inRecord)) vs \(Standing(settled))")
        #expect(settled.finalOutcome == .confirmedIllegal && settled.finalConcludedOn == E.day(2024, 6, 3))
        #expect(await h.stop())
    }

    /// The same through ImportCases: a row filing the linked second-instance record suspends the
    /// judgment in the same write, as FileCase does.
    @Test func anImportedLinkedAppealSuspendsTheJudgmentToo() async throws {
        let h = try await IntakeHarness.make()
        let first = try await h.record(
            try await h.client.fileCase(h.filing(1)), E.concluded(.revoked, E.day(2024, 5, 1)), requestId: "c")
        let call = h.client.importCases()
        try await call.send(IntakeHarness.importRow(1, Self.higher(h, 2, .second, linkedTo: first.id)))
        #expect(try await call.response().acceptedCount == 1)
        let suspended = try await Self.get(h, first.id)
        #expect(suspended.state == .appealed && suspended.finalOutcome == .unspecified && !suspended.isLoss)
        #expect(await h.stop())
    }

    @Test func anOpenRetrialLeavesTheJudgmentInForceUntilItEnds() async throws {
        let h = try await IntakeHarness.make()
        let first = try await h.record(
            try await h.client.fileCase(h.filing(1)), E.concluded(.revoked, E.day(2024, 5, 1)), requestId: "c")
        let retrial = try await h.client.fileCase(Self.higher(h, 2, .retrial, linkedTo: first.id))
        let during = try await Self.get(h, first.id)
        #expect(during == first, "a judgment in force stays in force while a retrial is heard")
        _ = try await h.record(
            retrial, E.concluded(.claimDismissed, E.day(2024, 6, 12), instance: .retrial), requestId: "r")
        let after = try await Self.get(h, first.id)
        #expect(after.state == .concluded && after.finalOutcome == .claimDismissed && !after.isLoss)
        #expect(after.finalConcludedOn == E.day(2024, 6, 12))
        #expect(await h.stop())
    }
}
