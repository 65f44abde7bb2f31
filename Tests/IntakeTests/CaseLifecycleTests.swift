import GRPCCore
import Intake
import Messages
import ServiceKit
import SharedDomain
import Testing

@Suite struct CaseLifecycleTests {
    typealias E = CaseEvents

    let filed = CivilDate(year: 2024, month: 3, day: 1)!

    func litigation(_ instance: Shuangjiang.Intake.V1.Instance = .first) -> CaseLifecycle {
        CaseLifecycle(kind: .litigation, instance: instance, filedOn: filed)
    }

    func replay(_ events: [E.Event], on start: CaseLifecycle? = nil) throws(CaseEventRejection) -> CaseLifecycle {
        var lifecycle = start ?? litigation()
        for event in events { try lifecycle.apply(event) }
        return lifecycle
    }

    func expectRule(_ rule: CaseRule, _ events: [E.Event], on start: CaseLifecycle? = nil) {
        do {
            _ = try replay(events, on: start)
            Issue.record("expected \(rule.rawValue)")
        } catch {
            #expect(error == .rule(rule, state: expectedState(events.dropLast(), start)), "\(error)")
        }
    }

    private func expectedState(_ events: ArraySlice<E.Event>, _ start: CaseLifecycle?) -> String {
        (try? replay(Array(events), on: start).state.name) ?? "?"
    }

    // MARK: Allowed paths

    @Test func mediationHearingAppearanceAndConclusionFollowTheTable() throws {
        var lifecycle = litigation()
        #expect(lifecycle.state == .filed)
        try lifecycle.apply(E.mediationStarted(E.day(2024, 3, 2)))
        #expect(lifecycle.state == .inMediation)
        try lifecycle.apply(E.selfCorrected(E.day(2024, 3, 3)))
        #expect(lifecycle.state == .inMediation && lifecycle.selfCorrected)
        try lifecycle.apply(E.mediationConcluded(E.day(2024, 3, 9)))
        #expect(lifecycle.state == .filed)
        try lifecycle.apply(E.hearing())
        try lifecycle.apply(E.hearing())
        #expect(lifecycle.state == .hearingScheduled)
        try lifecycle.apply(E.appearance(E.day(2024, 4, 1)))
        try lifecycle.apply(E.concluded(.revoked, E.day(2024, 5, 1)))
        #expect(lifecycle.state == .concluded)
        #expect(lifecycle.ownOutcome == .revoked && lifecycle.finalOutcome == .revoked && lifecycle.isLoss)
        #expect(lifecycle.concludedOn == CivilDate(year: 2024, month: 5, day: 1))
        #expect(!lifecycle.isOpen)
    }

    @Test func concludingDuringMediationEndsTheMediation() throws {
        let lifecycle = try replay([E.mediationStarted(E.day(2024, 3, 2)), E.concluded(.mediated, E.day(2024, 3, 5))])
        #expect(lifecycle.state == .concluded && lifecycle.finalOutcome == .mediated && !lifecycle.isLoss)
    }

    @Test func withdrawalAfterTheAgencyChangedItsActIsItsOwnOutcome() throws {
        let lifecycle = try replay([
            E.selfCorrected(E.day(2024, 3, 2)), E.withdrawn(E.day(2024, 3, 9), afterChange: true),
        ])
        #expect(lifecycle.state == .withdrawn)
        #expect(lifecycle.finalOutcome == .withdrawnAfterChange && !lifecycle.isLoss && lifecycle.selfCorrected)
    }

    @Test func aReversingAppealChangesTheFinalOutcome() throws {
        let lifecycle = try replay([
            E.concluded(.claimDismissed, E.day(2024, 5, 1)), E.appealed(E.day(2024, 5, 10)), E.hearing(),
            E.appearance(E.day(2024, 6, 1)), E.concluded(.revoked, E.day(2024, 7, 1), instance: .second),
        ])
        #expect(lifecycle.state == .concluded)
        #expect(lifecycle.ownOutcome == .claimDismissed, "the first-instance outcome is kept")
        #expect(lifecycle.finalOutcome == .revoked && lifecycle.isLoss)
        #expect(lifecycle.finalConcludedOn == CivilDate(year: 2024, month: 7, day: 1))
    }

    @Test func aPendingAppealSuspendsTheFinalOutcome() throws {
        let lifecycle = try replay([E.concluded(.revoked, E.day(2024, 5, 1)), E.appealed(E.day(2024, 5, 10))])
        #expect(lifecycle.state == .appealed && lifecycle.finalOutcome == .unspecified && !lifecycle.isLoss)
        #expect(lifecycle.isOpen)
    }

    @Test func dismissingTheAppealKeepsTheFirstInstanceOutcome() throws {
        let lifecycle = try replay([
            E.concluded(.revoked, E.day(2024, 5, 1)), E.appealed(E.day(2024, 5, 10)),
            E.concluded(.appealDismissed, E.day(2024, 8, 1), instance: .second),
        ])
        #expect(lifecycle.finalOutcome == .revoked && lifecycle.isLoss)
    }

    @Test func withdrawingTheAppealPutsTheFirstInstanceOutcomeInForce() throws {
        let lifecycle = try replay([
            E.concluded(.confirmedIllegal, E.day(2024, 5, 1)), E.appealed(E.day(2024, 5, 10)),
            E.withdrawn(E.day(2024, 6, 1)),
        ])
        #expect(lifecycle.state == .concluded && lifecycle.finalOutcome == .confirmedIllegal)
    }

    @Test func aRemandLeavesNoFinalOutcome() throws {
        let lifecycle = try replay([
            E.concluded(.claimDismissed, E.day(2024, 5, 1)), E.appealed(E.day(2024, 5, 10)),
            E.concluded(.remanded, E.day(2024, 8, 1), instance: .second),
        ])
        #expect(lifecycle.finalOutcome == .unspecified && lifecycle.finalConcludedOn == nil)
    }

    @Test func aSeparateSecondInstanceRecordDismissingTheAppealTakesThePriorOutcome() throws {
        let record = CaseLifecycle(
            kind: .litigation, instance: .second, filedOn: filed,
            priorOutcome: (.varied, CivilDate(year: 2024, month: 2, day: 1)!))
        let lifecycle = try replay([E.concluded(.appealDismissed, E.day(2024, 6, 1), instance: .second)], on: record)
        #expect(lifecycle.finalOutcome == .varied && lifecycle.isLoss)
    }

    // MARK: Forbidden paths, each naming its rule

    @Test func concludingTwiceIsRefused() {
        expectRule(
            .concludedTwice, [E.concluded(.revoked, E.day(2024, 5, 1)), E.concluded(.varied, E.day(2024, 5, 2))])
    }

    @Test func anAppearanceAfterConclusionIsRefused() {
        expectRule(
            .eventAfterConclusion, [E.concluded(.revoked, E.day(2024, 5, 1)), E.appearance(E.day(2024, 5, 2))])
    }

    @Test func aSecondInstanceOutcomeWithoutAnAppealIsRefused() {
        expectRule(.secondInstanceWithoutAppeal, [E.concluded(.revoked, E.day(2024, 5, 1), instance: .second)])
    }

    @Test func aConclusionDatedBeforeFilingIsRefused() {
        expectRule(.datedBeforeFiling, [E.concluded(.revoked, E.day(2024, 2, 28))])
    }

    @Test func nothingFollowsAWithdrawal() {
        expectRule(.eventAfterWithdrawal, [E.withdrawn(E.day(2024, 3, 5)), E.hearing()])
    }

    @Test func reconsiderationCannotBeAppealed() {
        let record = CaseLifecycle(kind: .reconsideration, instance: .first, filedOn: filed)
        expectRule(
            .appealOnlyFromFirstInstanceLitigation,
            [E.concluded(.upheld, E.day(2024, 5, 1)), E.appealed(E.day(2024, 5, 5))], on: record)
    }

    @Test func aSecondAppealIsRefused() {
        expectRule(
            .appealAlreadyPending,
            [E.concluded(.revoked, E.day(2024, 5, 1)), E.appealed(E.day(2024, 5, 5)), E.appealed(E.day(2024, 5, 6))])
        expectRule(
            .appealOnlyFromFirstInstanceLitigation,
            [
                E.concluded(.revoked, E.day(2024, 5, 1)), E.appealed(E.day(2024, 5, 5)),
                E.concluded(.varied, E.day(2024, 7, 1), instance: .second), E.appealed(E.day(2024, 7, 5)),
            ])
    }

    @Test func anAppealCannotPrecedeTheJudgment() {
        expectRule(
            .appealDatedBeforeJudgment, [E.concluded(.revoked, E.day(2024, 5, 1)), E.appealed(E.day(2024, 4, 30))])
    }

    @Test func mediationRulesAreEnforced() {
        expectRule(.mediationNotStarted, [E.mediationConcluded(E.day(2024, 3, 5))])
        expectRule(
            .mediationAlreadyStarted, [E.mediationStarted(E.day(2024, 3, 2)), E.mediationStarted(E.day(2024, 3, 3))])
        expectRule(
            .mediationEndsBeforeStart, [E.mediationStarted(E.day(2024, 3, 5)), E.mediationConcluded(E.day(2024, 3, 4))])
        expectRule(.mediationDuringHearing, [E.hearing(), E.mediationStarted(E.day(2024, 3, 3))])
        expectRule(.hearingDuringMediation, [E.mediationStarted(E.day(2024, 3, 2)), E.hearing()])
    }

    @Test func anAppearanceNeedsAHearing() {
        expectRule(.appearanceWithoutHearing, [E.appearance(E.day(2024, 3, 5))])
    }

    @Test func anOutcomeOfTheWrongKindIsAnInvalidField() {
        #expect(throws: CaseEventRejection.self) { try replay([E.concluded(.upheld, E.day(2024, 5, 1))]) }
        do {
            _ = try replay([E.concluded(.upheld, E.day(2024, 5, 1))])
        } catch {
            guard case .invalidField(let violation) = error else {
                Issue.record("expected an invalid field, got \(error)")
                return
            }
            #expect(violation.field == "concluded.outcome")
        }
    }

    @Test func aRefusedEventChangesNothing() throws {
        var lifecycle = try replay([E.concluded(.revoked, E.day(2024, 5, 1))])
        let before = lifecycle
        #expect(throws: CaseEventRejection.self) { try lifecycle.apply(E.concluded(.varied, E.day(2024, 5, 2))) }
        #expect(lifecycle == before)
    }

    @Test func everyRuleHasANameAndAnExplanation() {
        for rule in CaseRule.allCases {
            #expect(rule.rawValue.hasPrefix("case.") && !rule.explanation.isEmpty)
        }
    }
}
