internal import Messages

/// The free text of generated events: what a self-correction did, what a court said of a head's
/// appearance. Short, formulaic, and plainly synthetic.
enum CaseTexts {
    static func selfCorrection(_ category: Shuangjiang.Intake.V1.CaseCategory, detail: String) -> String {
        switch category {
        case .penalty: "撤销原行政处罚决定，重新调查处理"
        case .informationDisclosure: "重新答复并向申请人补充公开相关政府信息"
        case .confirmation: detail == "工伤认定" ? "撤销原工伤认定结论，重新作出认定" : "撤销原确认决定，重新审查"
        case .expropriation: "与被征收人重新协商，调整补偿安置方案"
        case .coerciveEnforcement: "对被拆除财产予以补偿，并完善强制执行程序"
        case .nonperformance: "依法履行法定职责并书面答复原告"
        case .registration: "撤销原登记，依法重新办理"
        case .benefit: "重新核定并补发相关待遇"
        default: "改变原行政行为，重新作出处理"
        }
    }

    static func evaluationNote(_ evaluation: Shuangjiang.Intake.V1.AppearanceEvaluation) -> String {
        switch evaluation {
        case .good: "庭前准备充分，围绕争议焦点发表意见，有助于化解争议"
        case .adequate: "按要求出庭应诉，发言较为简短"
        case .poor: "出庭未发言，对案件情况不熟悉"
        default: ""
        }
    }
}
