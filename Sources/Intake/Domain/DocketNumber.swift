/// A parsed litigation docket number (案号), e.g. `(2024)苏03行初123号`: year, court code
/// (province abbreviation plus the court's digits), marker and sequence.
public struct DocketNumber: Hashable, Sendable {
    public let year: Int32
    /// The province abbreviation (简称), e.g. "苏".
    public let province: Character
    /// The whole court code as written, e.g. "苏03" or "苏0302"; just "苏" for a high court.
    public let courtCode: String
    public let marker: DocketMarker
    public let sequence: Int

    /// The rule a docket number must follow, as reported in field violations.
    public static let rule = "must match (YYYY)<court code>行<初|终|再|申|赔|审><number>号, e.g. (2024)苏03行初123号"

    /// Province-level abbreviations used in court codes, plus 兵 for the Xinjiang Production and
    /// Construction Corps courts.
    static let provinces: Set<Character> = Set("京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼港澳台兵")

    /// Parses ASCII `()`, full-width `（）` or `〔〕` brackets; nil if the text is not a docket number.
    public init?(_ text: String) {
        var rest = Substring(text)
        guard let open = rest.popFirst() else { return nil }
        let close: Character
        switch open {
        case "(": close = ")"
        case "（": close = "）"
        case "〔": close = "〕"
        default: return nil
        }
        let yearDigits = rest.prefix { $0.isASCIIDigit }
        guard yearDigits.count == 4, let year = Int32(yearDigits) else { return nil }
        rest = rest.dropFirst(4)
        guard rest.popFirst() == close, let province = rest.popFirst(), Self.provinces.contains(province) else {
            return nil
        }
        let courtDigits = rest.prefix { $0.isASCIIDigit }
        guard courtDigits.count <= 4 else { return nil }
        rest = rest.dropFirst(courtDigits.count)
        guard let marker = DocketMarker.allCases.first(where: { rest.hasPrefix($0.rawValue) }) else { return nil }
        rest = rest.dropFirst(marker.rawValue.count)
        let sequenceDigits = rest.prefix { $0.isASCIIDigit }
        guard (1...9).contains(sequenceDigits.count), let sequence = Int(sequenceDigits), sequence > 0 else {
            return nil
        }
        rest = rest.dropFirst(sequenceDigits.count)
        guard rest == "号" else { return nil }
        self.year = year
        self.province = province
        self.courtCode = String(province) + courtDigits
        self.marker = marker
        self.sequence = sequence
    }

    /// The docket number with ASCII brackets: one spelling per docket, so uniqueness does not
    /// depend on which brackets a clerk typed.
    public var canonical: String {
        "(\(year))\(courtCode)\(marker.rawValue)\(sequence)号"
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
