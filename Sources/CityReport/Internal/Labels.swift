internal import Messages
internal import SharedDomain

/// The Chinese names people read, for the enumerations of the protos (each the name in its
/// comment in proto/): one place, shared by the gatherer's event sentences and the renderers.
enum Labels {
    typealias Intake = Shuangjiang.Intake.V1

    static func category(_ category: Intake.CaseCategory) -> String {
        switch category {
        case .penalty: "行政处罚"
        case .coerciveMeasure: "行政强制措施"
        case .coerciveEnforcement: "行政强制执行"
        case .licensing: "行政许可"
        case .expropriation: "行政征收或者征用"
        case .registration: "行政登记"
        case .confirmation: "行政确认"
        case .benefit: "行政给付"
        case .informationDisclosure: "政府信息公开"
        case .adjudication: "行政裁决"
        case .agreement: "行政协议"
        case .indemnity: "行政补偿"
        case .compensation: "行政赔偿"
        case .nonperformance: "不履行法定职责"
        case .other: "其他"
        default: "未分类"
        }
    }

    static func outcome(_ outcome: Intake.CaseOutcome) -> String {
        switch outcome {
        case .claimDismissed: "驳回诉讼请求"
        case .suitDismissed: "驳回起诉"
        case .withdrawn: "撤诉"
        case .withdrawnAfterChange: "改变行政行为后撤诉"
        case .mediated: "调解"
        case .revoked: "撤销"
        case .partiallyRevoked: "部分撤销"
        case .revokedAndRedo: "撤销并责令重作"
        case .varied: "变更"
        case .confirmedIllegal: "确认违法"
        case .confirmedInvalid: "确认无效"
        case .orderedToPerform: "责令履行"
        case .orderedToPay: "判决给付"
        case .compensationOrdered: "行政赔偿"
        case .indemnityOrdered: "行政补偿"
        case .orderedToHonourAgreement: "责令履行行政协议"
        case .coercionLifted: "解除强制措施"
        case .terminated: "终结"
        case .transferred: "移送"
        case .upheld: "复议维持"
        case .rejected: "驳回复议申请"
        case .notAccepted: "不予受理"
        case .appealDismissed: "驳回上诉、维持原判"
        case .remanded: "发回重审"
        default: "未审结"
        }
    }

    static func kind(_ kind: Intake.CaseKind) -> String {
        switch kind {
        case .litigation: "行政诉讼"
        case .reconsideration: "行政复议"
        default: "案件"
        }
    }

    static func instance(_ instance: Intake.Instance) -> String {
        switch instance {
        case .first: "一审"
        case .second: "二审"
        case .retrial: "再审"
        default: "审级未知"
        }
    }

    static func channel(_ channel: Intake.MediationChannel) -> String {
        switch channel {
        case .peoples: "人民调解"
        case .judicial: "司法调解"
        case .administrative: "行政调解"
        default: "调解"
        }
    }

    static func mediationResult(_ result: Intake.MediationResult) -> String {
        switch result {
        case .resolved: "调解成功"
        case .partiallyResolved: "部分化解"
        case .failed: "调解不成"
        default: "结果未记录"
        }
    }

    static func rank(_ rank: Intake.HeadRank) -> String {
        switch rank {
        case .principal: "正职"
        case .deputy: "副职"
        case .inCharge: "分管负责人"
        default: "负责人"
        }
    }

    static func evaluation(_ evaluation: Intake.AppearanceEvaluation) -> String? {
        switch evaluation {
        case .good: "好"
        case .adequate: "一般"
        case .poor: "差"
        default: nil
        }
    }

    static func appellant(_ appellant: Intake.Appellant) -> String {
        switch appellant {
        case .agency: "被告机关"
        case .plaintiff: "原告"
        case .both: "双方"
        default: "当事人"
        }
    }

    static func level(_ level: WarningEntry.Level) -> String {
        switch level {
        case .red: "红色"
        case .yellow: "黄色"
        case .green: "绿色"
        }
    }

    static func verdict(_ verdict: DoubleDeclineFigure.Verdict) -> String {
        switch verdict {
        case .achieved: "实现双下降"
        case .notAchieved: "未实现"
        case .undetermined: "无法判断"
        }
    }

    static func escalation(_ kind: EscalationEntry.Kind) -> String {
        switch kind {
        case .interview: "约谈"
        case .selfCriticism: "常务会议作检讨"
        case .other: "其他"
        }
    }

    static func status(_ status: EscalationEntry.Status) -> String {
        switch status {
        case .pending: "待开展"
        case .completed: "已开展"
        case .cancelled: "已取消"
        }
    }

    static func deadline(_ deadline: OpinionComplianceFigures.Deadline) -> String {
        switch deadline {
        case .reportUp: "1小时速报"
        case .firstStatement: "6小时发声"
        case .inquiriesAccepted: "12小时受理问询"
        case .formalResponse: "24小时正式回应"
        }
    }

    static func indicator(_ indicator: Ranking.Indicator) -> String {
        switch indicator {
        case .lossRate: "败诉率"
        case .caseVolume: "发案量"
        case .correctionRate: "复议纠错率"
        case .appearanceRate: "负责人出庭率"
        }
    }

    static func unitKind(_ kind: UnitFigures.Kind) -> String {
        switch kind {
        case .city: "全市"
        case .region: "区县"
        case .agency: "机关"
        }
    }

    static func reason(_ reason: CasebookEntry.Reason) -> String {
        switch reason {
        case .lost: "败诉"
        case .corrected: "复议纠错"
        case .selfCorrectedThenWithdrawn: "自我纠错后撤回"
        case .withdrawnAfterChange: "改变行政行为后撤诉"
        }
    }

    /// "2023年", "2023年第1季度", "2023年3月", "2023-01-05至2023-02-01".
    static func period(_ period: CalendarPeriod) -> String {
        switch period {
        case .year(let year): "\(year)年"
        case .quarter(let year, let quarter): "\(year)年第\(quarter)季度"
        case .month(let year, let month): "\(year)年\(month)月"
        case .range(let days): "\(days.lowerBound)至\(days.upperBound)"
        }
    }
}

extension Labels {
    typealias Accountability = Shuangjiang.Accountability.V1

    static func disposition(_ disposition: Accountability.Disposition) -> String {
        switch disposition {
        case .accountable: "追责"
        case .exempt: "免责"
        case .lighter: "从轻"
        case .heavier: "从重"
        case .notAccountable: "不予追责"
        default: "未定"
        }
    }

    static func step(_ step: Accountability.ReferralStep) -> String {
        switch step {
        case .referred: "线索移送"
        case .investigating: "组织开展调查"
        case .opinionProposed: "提出处理意见"
        case .decisionExecuted: "执行处理决定"
        default: "未知"
        }
    }
}
