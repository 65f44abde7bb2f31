internal import Messages

/// One county, district or zone the synthetic city can have: a fictional name, a division code
/// under the city's 3203xx prefix, and how many cases it brings relative to an average region.
struct RegionBlueprint: Sendable {
    let name: String
    /// The first character, as used in reconsideration decision numbers (城政复〔2023〕5号).
    let shortName: String
    let kind: Shuangjiang.Intake.V1.RegionKind
    let divisionCode: String
    let volume: Double
    /// Names for its township governments or street offices (乡镇 / 街道).
    let townships: [String]

    /// The city's regions, in the order a smaller city takes them: districts, counties and a zone
    /// alternate so even three regions show every kind. Names are invented for the synthetic
    /// city; any resemblance to a real place is a coincidence of common place-name characters.
    static let all: [RegionBlueprint] = [
        .init("城中区", .district, "320302", 1.4, ["城东街道", "城西街道", "鼓楼街道"]),
        .init("清平县", .county, "320321", 1.1, ["清平镇", "马庄镇", "双沟镇"]),
        .init("淮州经济技术开发区", .functionalZone, "320371", 0.5, ["金山街道", "大庙街道"]),
        .init("河东区", .district, "320303", 1.2, ["河滨街道", "东关街道", "青年街道"]),
        .init("运河市", .county, "320381", 1.0, ["运河街道", "邳城镇", "官湖镇"]),
        .init("湖滨区", .district, "320311", 0.9, ["湖滨街道", "南湖街道"]),
        .init("安丰县", .county, "320322", 0.9, ["安丰镇", "柳集镇", "三河镇"]),
        .init("河西区", .district, "320305", 0.8, ["西关街道", "桃园街道"]),
        .init("新桥市", .county, "320382", 1.0, ["新桥街道", "窑湾镇", "草桥镇"]),
        .init("北湖区", .district, "320312", 1.0, ["北湖街道", "柳泉镇"]),
        .init("白马县", .county, "320324", 0.8, ["白马镇", "古邳镇", "魏集镇"]),
        .init("淮州高新技术产业开发区", .functionalZone, "320372", 0.4, ["高新街道"]),
    ]

    private init(
        _ name: String, _ kind: Shuangjiang.Intake.V1.RegionKind, _ divisionCode: String, _ volume: Double,
        _ townships: [String]
    ) {
        self.name = name
        self.shortName = String(name.prefix(1))
        self.kind = kind
        self.divisionCode = divisionCode
        self.volume = volume
        self.townships = townships
    }

    /// Whether its name ends in 县 / 市 / 区 decides the titles of its heads (县长, 市长, 区长).
    var headTitle: String {
        switch kind {
        case .functionalZone: "主任"
        default: name.hasSuffix("县") ? "县长" : name.hasSuffix("市") ? "市长" : "区长"
        }
    }
}
