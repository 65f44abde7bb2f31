internal import Messages

extension Shuangjiang.Accountability.V1.AdvanceReferralRequest.NextStep {
    /// The step this data is for.
    var stage: ReferralStage {
        switch self {
        case .investigationStarted: .investigating
        case .handlingOpinionProposed: .opinionProposed
        case .decisionExecuted: .decisionExecuted
        }
    }

    /// The same data as a step record holds it.
    var data: Shuangjiang.Accountability.V1.ReferralStepRecord.Data {
        switch self {
        case .investigationStarted(let step): .investigationStarted(step)
        case .handlingOpinionProposed(let opinion): .handlingOpinionProposed(opinion)
        case .decisionExecuted(let step): .decisionExecuted(step)
        }
    }
}

extension Shuangjiang.Accountability.V1.Referral {
    /// The handling opinion, once proposed.
    var opinion: Shuangjiang.Accountability.V1.HandlingOpinionProposed? {
        for step in steps {
            if case .handlingOpinionProposed(let opinion) = step.data { return opinion }
        }
        return nil
    }
}
