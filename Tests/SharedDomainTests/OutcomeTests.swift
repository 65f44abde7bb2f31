import Testing

@testable import SharedDomain

@Suite struct OutcomeTests {
    @Test func lossesAreTheReportsList() {
        let losses = Outcome.allCases.filter(\.isLoss)
        #expect(
            losses == [
                .revoked, .partiallyRevoked, .revokedAndRedo, .varied, .confirmedIllegal, .confirmedInvalid,
                .orderedToPerform, .orderedToPay, .compensationOrdered, .indemnityOrdered, .orderedToHonourAgreement,
                .coercionLifted,
            ])
    }

    @Test func withdrawalAfterChangeIsNotALossButCountsOnItsOwn() {
        #expect(!Outcome.withdrawnAfterChange.isLoss)
        #expect(Outcome.withdrawnAfterChange.isWithdrawalAfterChange)
        #expect(Outcome.withdrawnAfterChange.isMediationOrWithdrawal)
        #expect(!Outcome.withdrawn.isWithdrawalAfterChange)
    }

    @Test func everyCorrectionIsALoss() {
        for outcome in Outcome.allCases where outcome.isCorrection { #expect(outcome.isLoss, "\(outcome)") }
    }

    @Test func mediationAndWithdrawalAreNotMeritsJudgments() {
        #expect(!Outcome.mediated.isMeritsJudgment)
        #expect(!Outcome.suitDismissed.isMeritsJudgment)
        #expect(Outcome.claimDismissed.isMeritsJudgment)
        #expect(Outcome.revoked.isMeritsJudgment)
    }
}
