public import ArgumentParser
public import Messages

/// A protobuf enum that sjctl reads from the command line and prints for people, by the names in
/// the descriptors: `REGION_KIND_FUNCTIONAL_ZONE` is written and shown as `functional-zone`, and
/// the full name, any case, underscores for hyphens, or the Chinese term (`功能区`) are accepted too.
public protocol NamedProtoEnum: ProtoEnum, ExpressibleByArgument {
    /// The enum's full protobuf name, e.g. `shuangjiang.intake.v1.RegionKind`.
    static var protoEnumName: String { get }
}

extension NamedProtoEnum {
    public init?(argument: String) {
        guard let number = EnumNames.parse(argument, enumName: Self.protoEnumName) else { return nil }
        self.init(rawValue: number)
    }

    /// Every value but UNSPECIFIED, as written on the command line.
    public static var allValueStrings: [String] {
        EnumNames.shortNames(of: protoEnumName)
    }

    public var defaultValueDescription: String { shortName }

    /// `functional-zone`; `unknown-7` for a value this build does not know.
    public var shortName: String { EnumNames.shortName(rawValue, enumName: Self.protoEnumName) }

    /// `functional-zone (功能区)` when there is a Chinese term, else the short name; `—` for
    /// UNSPECIFIED, which always means "none" or "not yet".
    public var label: String { EnumNames.label(rawValue, enumName: Self.protoEnumName) }
}

public enum EnumNames {
    public static func shortNames(of enumName: String, schema: ProtoSchema = .shared) -> [String] {
        guard let type = schema.enumType(enumName) else { return [] }
        return type.values.filter { $0.number != 0 }.map { short($0.name, prefix: type.commonPrefix) }
    }

    public static func shortName(_ number: Int32, enumName: String, schema: ProtoSchema = .shared) -> String {
        guard let type = schema.enumType(enumName), let name = type.name(of: number) else { return "unknown-\(number)" }
        return short(name, prefix: type.commonPrefix)
    }

    public static func label(_ number: Int32, enumName: String, schema: ProtoSchema = .shared) -> String {
        if number == 0 { return "—" }
        let name = shortName(number, enumName: enumName, schema: schema)
        guard let chinese = chineseTerms[enumName]?[name] else { return name }
        return "\(name) (\(chinese))"
    }

    /// The number for `text`: a short name, a full name, a Chinese term or a number; nil if none.
    public static func parse(_ text: String, enumName: String, schema: ProtoSchema = .shared) -> Int32? {
        guard let type = schema.enumType(enumName) else { return nil }
        let wanted = text.trimmingSpaces()
        if let number = Int32(wanted), type.name(of: number) != nil { return number }
        if let terms = chineseTerms[enumName], let short = terms.first(where: { $0.value == wanted })?.key,
            let match = type.values.first(where: { Self.short($0.name, prefix: type.commonPrefix) == short })
        {
            return match.number
        }
        let normalized = wanted.uppercased().replacingAll("-", with: "_").replacingAll(" ", with: "_")
        for value in type.values {
            if value.name == normalized || value.name == type.commonPrefix + normalized { return value.number }
        }
        return nil
    }

    static func short(_ name: String, prefix: String) -> String {
        String(name.dropFirst(prefix.count)).lowercased().replacingAll("_", with: "-")
    }

    /// Chinese terms from the proto comments and GLOSSARY.md, keyed by enum and short name: shown
    /// next to the English name for people, and accepted as input (spreadsheets say 行政处罚).
    static let chineseTerms: [String: [String: String]] = [
        "shuangjiang.intake.v1.RegionKind": [
            "city": "市本级", "county": "县", "district": "区", "functional-zone": "功能区",
        ],
        "shuangjiang.intake.v1.AgencyLevel": [
            "province": "省级", "city": "市级", "county": "县级", "township": "乡镇",
        ],
        "shuangjiang.intake.v1.AgencyType": [
            "peoples-government": "人民政府", "natural-resources": "自然资源", "housing": "住房和城乡建设",
            "human-resources-social-security": "人力资源和社会保障", "public-security": "公安",
            "market-regulation": "市场监督管理", "ecology-environment": "生态环境", "urban-management": "城市管理",
            "tax": "税务", "civil-affairs": "民政", "other": "其他",
        ],
        "shuangjiang.intake.v1.CaseKind": ["litigation": "行政诉讼", "reconsideration": "行政复议"],
        "shuangjiang.intake.v1.Instance": ["first": "一审", "second": "二审", "retrial": "再审"],
        "shuangjiang.intake.v1.CaseCategory": [
            "penalty": "行政处罚", "coercive-measure": "行政强制措施", "coercive-enforcement": "行政强制执行",
            "licensing": "行政许可", "expropriation": "行政征收或者征用", "registration": "行政登记",
            "confirmation": "行政确认", "benefit": "行政给付", "information-disclosure": "政府信息公开",
            "adjudication": "行政裁决", "agreement": "行政协议", "indemnity": "行政补偿", "compensation": "行政赔偿",
            "nonperformance": "不履行法定职责", "other": "其他",
        ],
        "shuangjiang.intake.v1.PlaintiffKind": [
            "natural-person": "自然人", "legal-person": "法人", "other-organization": "其他组织",
        ],
        "shuangjiang.intake.v1.CaseOutcome": [
            "claim-dismissed": "驳回诉讼请求", "suit-dismissed": "驳回起诉", "withdrawn": "撤诉",
            "withdrawn-after-change": "改变行政行为后撤诉", "mediated": "调解", "revoked": "撤销",
            "partially-revoked": "部分撤销", "revoked-and-redo": "撤销并责令重作", "varied": "变更",
            "confirmed-illegal": "确认违法", "confirmed-invalid": "确认无效", "ordered-to-perform": "责令履行",
            "ordered-to-pay": "判决给付", "compensation-ordered": "行政赔偿", "indemnity-ordered": "行政补偿",
            "ordered-to-honour-agreement": "责令履行行政协议", "coercion-lifted": "解除强制措施",
            "terminated": "终结", "transferred": "移送", "upheld": "复议维持", "rejected": "驳回复议申请",
            "not-accepted": "不予受理", "appeal-dismissed": "驳回上诉", "remanded": "发回重审",
        ],
        "shuangjiang.intake.v1.CaseState": [
            "filed": "已立案", "in-mediation": "调解中", "hearing-scheduled": "已排期", "concluded": "已审结",
            "appealed": "上诉中", "withdrawn": "已撤诉",
        ],
        "shuangjiang.intake.v1.MediationChannel": [
            "peoples": "人民调解", "judicial": "司法调解", "administrative": "行政调解",
        ],
        "shuangjiang.intake.v1.MediationResult": [
            "resolved": "调解成功", "partially-resolved": "部分化解", "failed": "调解不成",
        ],
        "shuangjiang.intake.v1.HeadRank": ["principal": "正职", "deputy": "副职", "in-charge": "分管负责人"],
        "shuangjiang.intake.v1.AppearanceEvaluation": ["good": "好", "adequate": "一般", "poor": "差"],
        "shuangjiang.intake.v1.Appellant": ["agency": "被告机关", "plaintiff": "原告", "both": "双方"],
        "shuangjiang.intake.v1.OpinionCategory": [
            "risk-mass-internet-crime": "涉众型互联网违法犯罪", "risk-adversarial-reading": "对抗式解读",
            "risk-authority-challenge": "质疑和触碰权威", "risk-self-media": "自媒体参与",
            "risk-group-bypass": "利益群体越级反映", "other": "其他",
        ],
        "shuangjiang.intake.v1.OpinionImportance": ["ordinary": "一般", "important": "重要", "major": "重大"],
        "shuangjiang.intake.v1.MilestoneKind": [
            "media-attention": "媒体关注", "reported-up": "速报", "first-statement": "发声",
            "inquiries-accepted": "受理问询", "formal-response": "正式回应", "closed": "处置完毕",
        ],
        "shuangjiang.common.v1.OpinionDeadlineKind": [
            "report-up": "速报", "first-statement": "发声", "inquiries-accepted": "受理问询",
            "formal-response": "正式回应",
        ],
        "shuangjiang.common.v1.WarningLevel": ["red": "红色", "yellow": "黄色", "green": "绿色"],
        "shuangjiang.common.v1.RiskLevel": ["red": "红色", "yellow": "黄色", "green": "绿色"],
        "shuangjiang.common.v1.EscalationKind": ["interview": "约谈", "self-criticism": "检讨"],
        "shuangjiang.assessment.v1.Indicator": [
            "loss-rate": "败诉率", "case-volume": "发案量", "correction-rate": "直接纠错率",
            "comprehensive-correction-rate": "综合纠错率", "appearance-rate": "出庭率", "speak-rate": "出声率",
            "mediation-withdrawal-rate": "调撤率", "appeal-rate": "上诉率",
            "withdrawn-after-change-count": "改变行为后撤诉数",
        ],
        "shuangjiang.assessment.v1.LossRateFormula": [
            "concluded": "审结口径", "merits": "实体判决口径", "plaintiff-win": "原告胜诉口径",
        ],
        "shuangjiang.assessment.v1.DoubleDeclineVerdict": ["achieved": "实现双下降", "not-achieved": "未实现"],
        "shuangjiang.assessment.v1.AlertKind": [
            "loss-rate-threshold-crossed": "败诉率超线", "red-warning": "红色预警",
            "opinion-deadline-missed": "舆情处置超时", "high-risk-case": "高风险案件", "case-lost": "败诉",
            "projected-crossing": "预测预警",
        ],
        "shuangjiang.accountability.v1.ReferralStep": [
            "referred": "线索移送", "investigating": "组织开展调查", "opinion-proposed": "提出处理意见",
            "decision-executed": "执行处理决定",
        ],
        "shuangjiang.accountability.v1.Disposition": [
            "accountable": "追责", "exempt": "免责", "lighter": "从轻", "heavier": "从重",
            "not-accountable": "不予追责",
        ],
        "shuangjiang.accountability.v1.SupervisionKind": ["listed": "挂牌督办", "leader-ownership": "包案化解"],
        "shuangjiang.accountability.v1.SupervisionResult": [
            "resolved": "化解", "partially-resolved": "部分化解", "unresolved": "未化解",
        ],
        "shuangjiang.accountability.v1.SupervisionState": ["closed": "已销号", "overdue": "超期"],
    ]
}
