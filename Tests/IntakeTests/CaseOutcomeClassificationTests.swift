import Intake
import Messages
import ServiceKit
import SharedDomain
import Testing

@Suite struct CaseOutcomeClassificationTests {
    typealias Outcome = Shuangjiang.Intake.V1.CaseOutcome

    @Test func theLossesAreExactlyTheOnesDesignMdLists() {
        let losses: Set<Int32> = Set(
            [
                Outcome.revoked, .partiallyRevoked, .revokedAndRedo, .varied, .confirmedIllegal, .confirmedInvalid,
                .orderedToPerform, .orderedToPay, .compensationOrdered, .indemnityOrdered, .orderedToHonourAgreement,
                .coercionLifted,
            ].map(\.rawValue))
        for outcome in Outcome.knownCases {
            #expect(outcome.isLoss == losses.contains(outcome.rawValue), "\(outcome)")
        }
    }

    @Test func withdrawalAfterChangeIsNotALoss() {
        #expect(!Outcome.withdrawnAfterChange.isLoss)
        #expect(!Outcome.mediated.isLoss)
        #expect(!Outcome.claimDismissed.isLoss)
    }

    @Test func outcomesAreCheckedAgainstTheCaseKind() {
        #expect(Outcome.upheld.isAllowed(for: .reconsideration))
        #expect(!Outcome.upheld.isAllowed(for: .litigation))
        #expect(!Outcome.claimDismissed.isAllowed(for: .reconsideration))
        #expect(Outcome.revoked.isAllowed(for: .litigation) && Outcome.revoked.isAllowed(for: .reconsideration))
        #expect(!Outcome.unspecified.isAllowed(for: .litigation))
    }
}
