import Intake
import Messages
import ServiceKit
import SharedDomain
import Testing

/// The effective outcome of a first-instance record settled by a separate, linked higher-instance
/// record (CaseLifecycle.settle(byLinked:)).
@Suite struct LinkedRulingTests {
    typealias E = CaseEvents
    typealias Ruling = CaseLifecycle.LinkedRuling

    let filed = CivilDate(year: 2024, month: 3, day: 1)!
    let ruled = CivilDate(year: 2024, month: 9, day: 1)!

    func concluded(_ outcome: Shuangjiang.Intake.V1.CaseOutcome) throws -> CaseLifecycle {
        var lifecycle = CaseLifecycle(kind: .litigation, instance: .first, filedOn: filed)
        try lifecycle.apply(E.concluded(outcome, E.day(2024, 5, 1)))
        return lifecycle
    }

    @Test func aReversingJudgmentReplacesTheOutcomeAndTheLoss() throws {
        var lifecycle = try concluded(.claimDismissed)
        #expect(!lifecycle.isLoss)
        lifecycle.settle(byLinked: .judgment(.revoked, on: ruled))
        #expect(lifecycle.finalOutcome == .revoked && lifecycle.finalConcludedOn == ruled && lifecycle.isLoss)
        #expect(lifecycle.ownOutcome == .claimDismissed && lifecycle.state == .concluded)
    }

    @Test func aVaryingJudgmentCanAlsoClearALoss() throws {
        var lifecycle = try concluded(.revoked)
        lifecycle.settle(byLinked: .judgment(.claimDismissed, on: ruled))
        #expect(lifecycle.finalOutcome == .claimDismissed && !lifecycle.isLoss)
    }

    @Test func dismissalOrWithdrawalPutsTheFirstInstanceOutcomeInForceFromThatDay() throws {
        var dismissed = try concluded(.revoked)
        dismissed.settle(byLinked: .judgment(.appealDismissed, on: ruled))
        #expect(dismissed.finalOutcome == .revoked && dismissed.finalConcludedOn == ruled && dismissed.isLoss)
        var withdrawn = try concluded(.revoked)
        withdrawn.settle(byLinked: .withdrawn(on: ruled))
        #expect(withdrawn.finalOutcome == .revoked && withdrawn.finalConcludedOn == ruled && withdrawn.isLoss)
    }

    @Test func aRemandLeavesNoEffectiveOutcome() throws {
        var lifecycle = try concluded(.revoked)
        lifecycle.settle(byLinked: .judgment(.remanded, on: ruled))
        #expect(lifecycle.finalOutcome == .unspecified && lifecycle.finalConcludedOn == nil && !lifecycle.isLoss)
    }

    @Test func onlyARecordStandingOnItsFirstInstanceJudgmentIsSettled() throws {
        var open = CaseLifecycle(kind: .litigation, instance: .first, filedOn: filed)
        open.settle(byLinked: .judgment(.revoked, on: ruled))
        #expect(open.finalOutcome == .unspecified && !open.isOpenToLinkedRuling)

        var withdrawn = CaseLifecycle(kind: .litigation, instance: .first, filedOn: filed)
        try withdrawn.apply(E.withdrawn(E.day(2024, 4, 1)))
        withdrawn.settle(byLinked: .judgment(.revoked, on: ruled))
        #expect(withdrawn.finalOutcome == .withdrawn)

        var appealedInRecord = try concluded(.claimDismissed)
        try appealedInRecord.apply(E.appealed(E.day(2024, 5, 10)))
        try appealedInRecord.apply(E.concluded(.appealDismissed, E.day(2024, 8, 1), instance: .second))
        appealedInRecord.settle(byLinked: .judgment(.revoked, on: ruled))
        #expect(appealedInRecord.finalOutcome == .claimDismissed && !appealedInRecord.isLoss)
    }

    @Test func anOpenLinkedAppealSuspendsTheJudgmentUntilItIsRuledOn() throws {
        var lifecycle = try concluded(.revoked)
        #expect(lifecycle.isLoss)
        let appealFiled = CivilDate(year: 2024, month: 6, day: 1)!
        lifecycle.settle(byLinked: .pending(since: appealFiled))
        #expect(lifecycle.state == .appealed && lifecycle.finalOutcome == .unspecified)
        #expect(lifecycle.finalConcludedOn == nil && !lifecycle.isLoss && lifecycle.ownOutcome == .revoked)
    }

    @Test func aRulingIsReadFromAHigherInstanceRecordThatIsClosedOrAnOpenAppeal() {
        let appealFiled = CivilDate(year: 2024, month: 6, day: 1)!
        #expect(
            Ruling(instance: .second, state: .concluded, outcome: .revoked, filedOn: appealFiled, concludedOn: ruled)
                == .judgment(.revoked, on: ruled))
        #expect(
            Ruling(instance: .retrial, state: .withdrawn, outcome: .withdrawn, filedOn: appealFiled, concludedOn: ruled)
                == .withdrawn(on: ruled))
        for open in [Shuangjiang.Intake.V1.CaseState.filed, .inMediation, .hearingScheduled] {
            #expect(
                Ruling(instance: .second, state: open, outcome: .unspecified, filedOn: appealFiled, concludedOn: nil)
                    == .pending(since: appealFiled))
            #expect(
                Ruling(instance: .retrial, state: open, outcome: .unspecified, filedOn: appealFiled, concludedOn: nil)
                    == nil, "a retrial does not suspend the judgment in force")
        }
        #expect(
            Ruling(instance: .first, state: .concluded, outcome: .revoked, filedOn: filed, concludedOn: ruled) == nil)
        #expect(
            Ruling(instance: .second, state: .concluded, outcome: .revoked, filedOn: appealFiled, concludedOn: nil)
                == nil)
    }
}
