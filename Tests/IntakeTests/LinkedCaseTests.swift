import GRPC
import GRPCCore
import Intake
import Messages
import ServiceKit
import SharedDomain
import Stubs
import Testing

/// A second-instance record filed on its own (related_first_instance_case_id) settles the linked
/// first-instance record's effective outcome, and ImportCases edge cases.
@Suite struct LinkedCaseTests {
    typealias V1 = Shuangjiang.Intake.V1
    typealias E = CaseEvents

    static func appeal(_ h: IntakeHarness, _ sequence: Int, linkedTo first: String, requestId: String? = nil)
        -> V1.FileCaseRequest
    {
        var request = h.filing(sequence, requestId: requestId ?? "appeal-\(sequence)", filedOn: E.day(2024, 6, 1))
        request.instance = .second
        request.docketNumber = "(2024)苏行终\(sequence)号"
        request.courtName = "江苏省高级人民法院"
        request.relatedFirstInstanceCaseId = first
        return request
    }

    static func get(_ h: IntakeHarness, _ id: String) async throws -> V1.Case {
        var request = V1.GetCaseRequest()
        request.id = id
        return try await h.client.getCase(request)
    }

    static func feed(_ h: IntakeHarness, after sequence: Int64 = 0) async throws -> [V1.ChangeEvent] {
        var request = V1.WatchEventsRequest()
        request.afterSequence = sequence
        request.stopAtHead = true
        var changes: [V1.ChangeEvent] = []
        for try await change in h.client.watchEvents(request).responses { changes.append(change) }
        return changes
    }

    @Test func aReversingSecondInstanceRecordChangesTheFirstInstanceOutcome() async throws {
        let h = try await IntakeHarness.make()
        let filed = try await h.client.fileCase(h.filing(1))
        let first = try await h.record(filed, E.concluded(.claimDismissed, E.day(2024, 5, 1)), requestId: "c1")
        #expect(first.version == 2 && first.finalOutcome == .claimDismissed && !first.isLoss)
        let before = try await Self.feed(h).count
        let second = try await h.client.fileCase(Self.appeal(h, 1, linkedTo: first.id))
        let appealed = try await Self.get(h, first.id)
        #expect(appealed.version == 3 && appealed.state == .appealed, "filing the appeal suspends the judgment")
        #expect(appealed.finalOutcome == .unspecified && appealed.finalConcludedOn == nil && !appealed.isLoss)
        #expect(appealed.firstInstanceOutcome == .claimDismissed && appealed.events.count == 1)
        let onFiling = try await Self.feed(h, after: Int64(before))
        #expect(onFiling.count == 2, "case_filed for the appeal, then the first record's new version")
        if case .caseEventRecorded(let suspended) = onFiling.last?.change {
            #expect(suspended.caseSnapshot == appealed && suspended.event == nil)
        } else {
            Issue.record("expected case_event_recorded for the first record, got \(String(describing: onFiling.last))")
        }
        let heard = try await h.record(second, E.hearing(), requestId: "s1")
        #expect(try await Self.feed(h).count == before + 3, "a hearing in the appeal leaves the first record alone")
        let ended = try await h.record(
            heard, E.concluded(.revoked, E.day(2024, 6, 10), instance: .second), requestId: "s2")
        #expect(ended.state == .concluded && ended.finalOutcome == .revoked && ended.isLoss)

        let settled = try await Self.get(h, first.id)
        #expect(settled.version == 4 && settled.events.count == 1)
        #expect(settled.firstInstanceOutcome == .claimDismissed && settled.state == .concluded)
        #expect(settled.finalOutcome == .revoked && settled.finalConcludedOn == E.day(2024, 6, 10) && settled.isLoss)
        let tail = try await Self.feed(h, after: Int64(before + 3))
        #expect(tail.count == 2, "the second record's event, then the first record's new version")
        guard case .caseEventRecorded(let own) = tail.first?.change,
            case .caseEventRecorded(let linked) = tail.last?.change
        else {
            Issue.record("expected two case_event_recorded changes")
            return
        }
        #expect(own.caseSnapshot == ended && own.event == ended.events.last)
        #expect(linked.caseSnapshot == settled && linked.event == nil)

        do {
            _ = try await h.record(first, E.appealed(E.day(2024, 6, 11)), requestId: "stale")
            Issue.record("expected ABORTED: the first record moved to version 4")
        } catch let error as RPCError {
            #expect(error.code == .aborted)
        }
        #expect(await h.stop())
    }

    @Test func aDismissedOrWithdrawnLinkedAppealPutsTheFirstInstanceOutcomeInForce() async throws {
        let h = try await IntakeHarness.make()
        var firsts: [V1.Case] = []
        for i in 1...2 {
            let filed = try await h.client.fileCase(h.filing(i))
            firsts.append(try await h.record(filed, E.concluded(.revoked, E.day(2024, 5, 1)), requestId: "c\(i)"))
        }
        let dismissedAppeal = try await h.client.fileCase(Self.appeal(h, 1, linkedTo: firsts[0].id))
        let dismissed = try await h.record(
            dismissedAppeal, E.concluded(.appealDismissed, E.day(2024, 6, 5), instance: .second), requestId: "d")
        #expect(dismissed.finalOutcome == .revoked && dismissed.isLoss)
        let withdrawnAppeal = try await h.client.fileCase(Self.appeal(h, 2, linkedTo: firsts[1].id))
        _ = try await h.record(withdrawnAppeal, E.withdrawn(E.day(2024, 6, 7)), requestId: "w")

        let afterDismissal = try await Self.get(h, firsts[0].id)
        #expect(afterDismissal.version == 4 && afterDismissal.finalOutcome == .revoked && afterDismissal.isLoss)
        #expect(afterDismissal.finalConcludedOn == E.day(2024, 6, 5))
        let afterWithdrawal = try await Self.get(h, firsts[1].id)
        #expect(afterWithdrawal.version == 4 && afterWithdrawal.finalOutcome == .revoked && afterWithdrawal.isLoss)
        #expect(afterWithdrawal.finalConcludedOn == E.day(2024, 6, 7))
        #expect(await h.stop())
    }

    @Test func aRulingRecordedBeforeTheFirstInstanceEndsCountsWhenItEnds() async throws {
        let h = try await IntakeHarness.make()
        let first = try await h.client.fileCase(h.filing(1))
        let appeal = try await h.client.fileCase(Self.appeal(h, 1, linkedTo: first.id))
        _ = try await h.record(appeal, E.concluded(.varied, E.day(2024, 6, 10), instance: .second), requestId: "s")
        #expect(try await Self.get(h, first.id) == first, "nothing to settle while it is open")
        let ended = try await h.record(first, E.concluded(.claimDismissed, E.day(2024, 5, 1)), requestId: "c")
        #expect(ended.version == 2 && ended.firstInstanceOutcome == .claimDismissed)
        #expect(ended.finalOutcome == .varied && ended.isLoss)
        #expect(await h.stop())
    }

    // MARK: ImportCases

    @Test func aReusedRowNumberIsRejectedNamingRowNumber() async throws {
        let h = try await IntakeHarness.make()
        let call = h.client.importCases()
        try await call.send(IntakeHarness.importRow(7, h.filing(1)))
        try await call.send(IntakeHarness.importRow(7, h.filing(2)))
        let response = try await call.response()
        #expect(response.results.map(\.rowNumber) == [7, 7])
        #expect(response.results.map(\.accepted) == [true, false])
        #expect(response.results[1].statusCode == StatusCode.invalidArgument.rawValue)
        #expect(response.results[1].fieldViolations.map(\.field) == ["row_number"])
        let cases = try await h.client.listCases(V1.ListCasesRequest()).cases
        #expect(cases.map(\.docketNumber) == ["(2024)苏03行初1号"], "the later row wrote nothing")
        #expect(await h.stop())
    }

    @Test func aRowMayLinkToACaseFiledEarlierInTheSameStream() async throws {
        let h = try await IntakeHarness.make()
        let call = h.client.importCases()
        let first = IntakeHarness.importRow(1, h.filing(1), events: [E.concluded(.claimDismissed, E.day(2024, 5, 1))])
        // Rows are written in stream order, so the second may link to the first.
        let appeal = IntakeHarness.importRow(
            2, Self.appeal(h, 1, linkedTo: "case-1"),
            events: [E.concluded(.revoked, E.day(2024, 6, 10), instance: .second)])
        let forward = IntakeHarness.importRow(3, Self.appeal(h, 2, linkedTo: "case-9"))  // a row not yet filed
        for row in [first, appeal, forward] { try await call.send(row) }
        let response = try await call.response()
        #expect(response.results.map(\.accepted) == [true, true, false])
        #expect(response.results.map(\.caseId) == ["case-1", "case-2", ""])
        #expect(response.results[2].statusCode == StatusCode.notFound.rawValue)
        #expect(response.results[2].rejectionReason.contains("filing.related_first_instance_case_id"))
        let settled = try await Self.get(h, "case-1")
        #expect(settled.version == 4 && settled.finalOutcome == .revoked && settled.isLoss, "appealed, then ruled on")
        let linked = try await Self.get(h, "case-2")
        #expect(linked.relatedFirstInstanceCaseId == "case-1" && linked.finalOutcome == .revoked)
        #expect(await h.stop())
    }

    @Test func aLargeImportReportsEveryRowAndPublishesEveryChange() async throws {
        let h = try await IntakeHarness.make()
        let before = try await Self.feed(h).count
        let rows = 2000  // beyond the 512-row write window and the 1 MiB stream window
        let call = h.client.importCases()
        for i in 1...rows {
            try await call.send(
                IntakeHarness.importRow(
                    Int64(i), h.filing(i), events: [E.hearing(), E.concluded(.revoked, E.day(2024, 5, 1))]))
        }
        let response = try await call.response()
        #expect(response.results.count == rows)
        #expect(response.results.map(\.rowNumber) == (1...rows).map(Int64.init))
        #expect(response.results.allSatisfy { $0.accepted && !$0.replayed && $0.statusCode == 0 })
        #expect(Set(response.results.map(\.caseId)).count == rows)
        #expect(response.acceptedCount == Int64(rows) && response.rejectedCount == 0)
        let changes = try await Self.feed(h, after: Int64(before))
        #expect(changes.count == rows * 3, "case_filed and two case_event_recorded per row")
        #expect(changes.map(\.sequence) == (1...(rows * 3)).map { Int64(before + $0) })
        #expect(await h.stop())
    }
}
