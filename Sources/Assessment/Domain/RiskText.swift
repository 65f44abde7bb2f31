/// The words and numbers risk explanations are written with.
enum RiskText {
    /// "12.3%": one decimal, rounded half away from zero.
    static func percent(_ value: Double) -> String {
        let tenths = Int64((value * 1000).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))%"
    }

    /// "18.2": one decimal.
    static func decimal(_ value: Double) -> String {
        let tenths = Int64((value * 10).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))"
    }

    /// intake.v1.CaseCategory's Chinese name (its comment in case_types.proto).
    static func category(_ number: Int32) -> String {
        switch number {
        case 1: "行政处罚"
        case 2: "行政强制措施"
        case 3: "行政强制执行"
        case 4: "行政许可"
        case 5: "行政征收征用"
        case 6: "行政登记"
        case 7: "行政确认"
        case 8: "行政给付"
        case 9: "政府信息公开"
        case 10: "行政裁决"
        case 11: "行政协议"
        case 12: "行政补偿"
        case 13: "行政赔偿"
        case 14: "不履行法定职责"
        default: "其他"
        }
    }
}
