import ArgumentParser
public import Messages

// Every enum of the three services' APIs, readable from the command line and printable by name.
// The full names tie each Swift type to its descriptor (the generated types do not carry them);
// NamedProtoEnumTests checks each one against the schema, so a renamed enum fails a test.

extension Shuangjiang.Accountability.V1.EscalationStatus: NamedProtoEnum {
    public static let protoEnumName = "shuangjiang.accountability.v1.EscalationStatus"
}

extension Shuangjiang.Accountability.V1.ReferralStep: NamedProtoEnum {
    public static let protoEnumName = "shuangjiang.accountability.v1.ReferralStep"
}

extension Shuangjiang.Accountability.V1.Disposition: NamedProtoEnum {
    public static let protoEnumName = "shuangjiang.accountability.v1.Disposition"
}

extension Shuangjiang.Accountability.V1.SupervisionKind: NamedProtoEnum {
    public static let protoEnumName = "shuangjiang.accountability.v1.SupervisionKind"
}

extension Shuangjiang.Accountability.V1.SupervisionState: NamedProtoEnum {
    public static let protoEnumName = "shuangjiang.accountability.v1.SupervisionState"
}

extension Shuangjiang.Accountability.V1.SupervisionResult: NamedProtoEnum {
    public static let protoEnumName = "shuangjiang.accountability.v1.SupervisionResult"
}

extension Shuangjiang.Accountability.V1.SupervisionNoticeKind: NamedProtoEnum {
    public static let protoEnumName = "shuangjiang.accountability.v1.SupervisionNoticeKind"
}

extension Shuangjiang.Assessment.V1.AlertKind: NamedProtoEnum {
    public static let protoEnumName = "shuangjiang.assessment.v1.AlertKind"
}

extension Shuangjiang.Assessment.V1.LossRateFormula: NamedProtoEnum {
    public static let protoEnumName = "shuangjiang.assessment.v1.LossRateFormula"
}

extension Shuangjiang.Assessment.V1.Indicator: NamedProtoEnum {
    public static let protoEnumName = "shuangjiang.assessment.v1.Indicator"
}

extension Shuangjiang.Assessment.V1.DoubleDeclineVerdict: NamedProtoEnum {
    public static let protoEnumName = "shuangjiang.assessment.v1.DoubleDeclineVerdict"
}

extension Shuangjiang.Assessment.V1.WarningRule: NamedProtoEnum {
    public static let protoEnumName = "shuangjiang.assessment.v1.WarningRule"
}

extension Shuangjiang.Common.V1.PeriodKind: NamedProtoEnum {
    public static let protoEnumName = "shuangjiang.common.v1.PeriodKind"
}

extension Shuangjiang.Common.V1.UnitKind: NamedProtoEnum {
    public static let protoEnumName = "shuangjiang.common.v1.UnitKind"
}

extension Shuangjiang.Common.V1.SortOrder: NamedProtoEnum {
    public static let protoEnumName = "shuangjiang.common.v1.SortOrder"
}

extension Shuangjiang.Common.V1.WarningLevel: NamedProtoEnum {
    public static let protoEnumName = "shuangjiang.common.v1.WarningLevel"
}

extension Shuangjiang.Common.V1.RiskLevel: NamedProtoEnum {
    public static let protoEnumName = "shuangjiang.common.v1.RiskLevel"
}

extension Shuangjiang.Common.V1.OpinionDeadlineKind: NamedProtoEnum {
    public static let protoEnumName = "shuangjiang.common.v1.OpinionDeadlineKind"
}

extension Shuangjiang.Common.V1.DeadlineStatus: NamedProtoEnum {
    public static let protoEnumName = "shuangjiang.common.v1.DeadlineStatus"
}

extension Shuangjiang.Common.V1.EscalationKind: NamedProtoEnum {
    public static let protoEnumName = "shuangjiang.common.v1.EscalationKind"
}

extension Shuangjiang.Intake.V1.AgencyType: NamedProtoEnum {
    public static let protoEnumName = "shuangjiang.intake.v1.AgencyType"
}

extension Shuangjiang.Intake.V1.AgencyLevel: NamedProtoEnum {
    public static let protoEnumName = "shuangjiang.intake.v1.AgencyLevel"
}

extension Shuangjiang.Intake.V1.CaseKind: NamedProtoEnum {
    public static let protoEnumName = "shuangjiang.intake.v1.CaseKind"
}

extension Shuangjiang.Intake.V1.Instance: NamedProtoEnum {
    public static let protoEnumName = "shuangjiang.intake.v1.Instance"
}

extension Shuangjiang.Intake.V1.CaseCategory: NamedProtoEnum {
    public static let protoEnumName = "shuangjiang.intake.v1.CaseCategory"
}

extension Shuangjiang.Intake.V1.PlaintiffKind: NamedProtoEnum {
    public static let protoEnumName = "shuangjiang.intake.v1.PlaintiffKind"
}

extension Shuangjiang.Intake.V1.CaseOutcome: NamedProtoEnum {
    public static let protoEnumName = "shuangjiang.intake.v1.CaseOutcome"
}

extension Shuangjiang.Intake.V1.CaseState: NamedProtoEnum {
    public static let protoEnumName = "shuangjiang.intake.v1.CaseState"
}

extension Shuangjiang.Intake.V1.MediationChannel: NamedProtoEnum {
    public static let protoEnumName = "shuangjiang.intake.v1.MediationChannel"
}

extension Shuangjiang.Intake.V1.MediationResult: NamedProtoEnum {
    public static let protoEnumName = "shuangjiang.intake.v1.MediationResult"
}

extension Shuangjiang.Intake.V1.HeadRank: NamedProtoEnum {
    public static let protoEnumName = "shuangjiang.intake.v1.HeadRank"
}

extension Shuangjiang.Intake.V1.AppearanceEvaluation: NamedProtoEnum {
    public static let protoEnumName = "shuangjiang.intake.v1.AppearanceEvaluation"
}

extension Shuangjiang.Intake.V1.Appellant: NamedProtoEnum {
    public static let protoEnumName = "shuangjiang.intake.v1.Appellant"
}

extension Shuangjiang.Intake.V1.OpinionCategory: NamedProtoEnum {
    public static let protoEnumName = "shuangjiang.intake.v1.OpinionCategory"
}

extension Shuangjiang.Intake.V1.OpinionImportance: NamedProtoEnum {
    public static let protoEnumName = "shuangjiang.intake.v1.OpinionImportance"
}

extension Shuangjiang.Intake.V1.MilestoneKind: NamedProtoEnum {
    public static let protoEnumName = "shuangjiang.intake.v1.MilestoneKind"
}

extension Shuangjiang.Intake.V1.OpinionState: NamedProtoEnum {
    public static let protoEnumName = "shuangjiang.intake.v1.OpinionState"
}

extension Shuangjiang.Intake.V1.RegionKind: NamedProtoEnum {
    public static let protoEnumName = "shuangjiang.intake.v1.RegionKind"
}

/// Every conforming type, for the test that checks them against the schema.
public let allNamedProtoEnums: [any NamedProtoEnum.Type] = [
    Shuangjiang.Accountability.V1.EscalationStatus.self,
    Shuangjiang.Accountability.V1.ReferralStep.self,
    Shuangjiang.Accountability.V1.Disposition.self,
    Shuangjiang.Accountability.V1.SupervisionKind.self,
    Shuangjiang.Accountability.V1.SupervisionState.self,
    Shuangjiang.Accountability.V1.SupervisionResult.self,
    Shuangjiang.Accountability.V1.SupervisionNoticeKind.self,
    Shuangjiang.Assessment.V1.AlertKind.self,
    Shuangjiang.Assessment.V1.LossRateFormula.self,
    Shuangjiang.Assessment.V1.Indicator.self,
    Shuangjiang.Assessment.V1.DoubleDeclineVerdict.self,
    Shuangjiang.Assessment.V1.WarningRule.self,
    Shuangjiang.Common.V1.PeriodKind.self,
    Shuangjiang.Common.V1.UnitKind.self,
    Shuangjiang.Common.V1.SortOrder.self,
    Shuangjiang.Common.V1.WarningLevel.self,
    Shuangjiang.Common.V1.RiskLevel.self,
    Shuangjiang.Common.V1.OpinionDeadlineKind.self,
    Shuangjiang.Common.V1.DeadlineStatus.self,
    Shuangjiang.Common.V1.EscalationKind.self,
    Shuangjiang.Intake.V1.AgencyType.self,
    Shuangjiang.Intake.V1.AgencyLevel.self,
    Shuangjiang.Intake.V1.CaseKind.self,
    Shuangjiang.Intake.V1.Instance.self,
    Shuangjiang.Intake.V1.CaseCategory.self,
    Shuangjiang.Intake.V1.PlaintiffKind.self,
    Shuangjiang.Intake.V1.CaseOutcome.self,
    Shuangjiang.Intake.V1.CaseState.self,
    Shuangjiang.Intake.V1.MediationChannel.self,
    Shuangjiang.Intake.V1.MediationResult.self,
    Shuangjiang.Intake.V1.HeadRank.self,
    Shuangjiang.Intake.V1.AppearanceEvaluation.self,
    Shuangjiang.Intake.V1.Appellant.self,
    Shuangjiang.Intake.V1.OpinionCategory.self,
    Shuangjiang.Intake.V1.OpinionImportance.self,
    Shuangjiang.Intake.V1.MilestoneKind.self,
    Shuangjiang.Intake.V1.OpinionState.self,
    Shuangjiang.Intake.V1.RegionKind.self,
]
