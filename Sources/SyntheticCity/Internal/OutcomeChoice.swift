internal import Messages

/// Which losing outcome a court gives for a category, and which correction a reconsideration
/// body gives: demolitions are confirmed illegal, work-injury determinations revoked and redone,
/// non-performance ordered to perform, and so on.
enum OutcomeChoice {
    typealias Outcome = Shuangjiang.Intake.V1.CaseOutcome
    typealias Category = Shuangjiang.Intake.V1.CaseCategory

    static func loss(for category: Category, rng: inout SeededRandom) -> Outcome {
        let choices: [(Outcome, Double)]
        switch category {
        case .expropriation:
            choices = [
                (.revoked, 30), (.confirmedIllegal, 35), (.revokedAndRedo, 15), (.indemnityOrdered, 10),
                (.confirmedInvalid, 5), (.varied, 5),
            ]
        case .coerciveEnforcement: choices = [(.confirmedIllegal, 70), (.compensationOrdered, 15), (.revoked, 15)]
        case .confirmation: choices = [(.revokedAndRedo, 50), (.revoked, 40), (.confirmedIllegal, 10)]
        case .informationDisclosure:
            choices = [(.revokedAndRedo, 45), (.orderedToPerform, 30), (.confirmedIllegal, 25)]
        case .nonperformance: choices = [(.orderedToPerform, 75), (.confirmedIllegal, 25)]
        case .penalty: choices = [(.revoked, 50), (.partiallyRevoked, 15), (.varied, 20), (.confirmedIllegal, 15)]
        case .registration: choices = [(.revoked, 60), (.confirmedIllegal, 20), (.orderedToPerform, 20)]
        case .benefit: choices = [(.orderedToPay, 60), (.revokedAndRedo, 40)]
        case .agreement:
            choices = [(.orderedToHonourAgreement, 60), (.confirmedInvalid, 20), (.compensationOrdered, 20)]
        case .compensation: choices = [(.compensationOrdered, 1)]
        case .indemnity: choices = [(.indemnityOrdered, 1)]
        case .coerciveMeasure: choices = [(.coercionLifted, 50), (.confirmedIllegal, 50)]
        case .licensing: choices = [(.revoked, 50), (.orderedToPerform, 50)]
        case .adjudication: choices = [(.revokedAndRedo, 70), (.revoked, 30)]
        default: choices = [(.revoked, 50), (.confirmedIllegal, 50)]
        }
        return rng.weighted(choices)
    }

    static func correction(rng: inout SeededRandom) -> Outcome {
        rng.weighted([
            (.revoked, 30), (.revokedAndRedo, 25), (.confirmedIllegal, 20), (.orderedToPerform, 15), (.varied, 10),
        ])
    }

    /// A procedural first-instance ending: mostly 驳回起诉, now and then terminated or transferred.
    static func procedural(rng: inout SeededRandom) -> Outcome {
        rng.weighted([(.suitDismissed, 90), (.terminated, 5), (.transferred, 5)])
    }
}
