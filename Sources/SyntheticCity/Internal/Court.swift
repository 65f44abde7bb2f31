/// A court or reconsideration body (复议机关) that cases are filed with.
struct Court: Hashable, Sendable {
    let name: String
    /// The court code in docket numbers ("苏03"); empty for a reconsideration body.
    let code: String
    /// A reconsideration body's decision-number prefix ("淮政复"); empty for a court.
    let decisionPrefix: String

    static let high = Court(name: "\(SyntheticCityNames.province)高级人民法院", code: SyntheticCityNames.provinceShort)
    static let intermediate = Court(
        name: "\(SyntheticCityNames.city)中级人民法院", code: SyntheticCityNames.provinceShort + "03")
    /// Administrative cases are tried centrally (集中管辖) by two basic courts: one for the urban
    /// districts and zones, one for the counties.
    static let urbanBasic = Court(
        name: "\(SyntheticCityNames.city)城中区人民法院", code: SyntheticCityNames.provinceShort + "0302")
    static let countyBasic = Court(name: "运河市人民法院", code: SyntheticCityNames.provinceShort + "0381")

    private init(name: String, code: String) {
        self.name = name
        self.code = code
        self.decisionPrefix = ""
    }

    /// The government that decides reconsideration applications, e.g. 淮州市人民政府 (淮政复).
    static func reconsiderationBody(government: String, short: String) -> Court {
        Court(name: government, decisionPrefix: short + "政复")
    }

    private init(name: String, decisionPrefix: String) {
        self.name = name
        self.code = ""
        self.decisionPrefix = decisionPrefix
    }

    /// Where an appeal from this court goes: basic courts to the intermediate court, the
    /// intermediate court to the high court.
    var higher: Court { self == .urbanBasic || self == .countyBasic ? .intermediate : .high }
}
