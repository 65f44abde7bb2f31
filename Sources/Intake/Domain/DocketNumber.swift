/// A parsed litigation docket number (案号) of the 2016 scheme, e.g. `(2024)苏03行初123号`: year,
/// court code (法院代字), marker (类型代字) and sequence.
public struct DocketNumber: Hashable, Sendable {
    public let year: Int32
    /// The high court's code (a province abbreviation), e.g. "苏"; nil for the Supreme People's
    /// Court.
    public let province: Character?
    /// The whole court code as written: "最高法" for the Supreme People's Court, the province's
    /// code for a high court ("苏"), plus 2 digits for an intermediate court ("苏03") or 4 for a
    /// basic court ("苏0302").
    public let courtCode: String
    public let marker: DocketMarker
    public let sequence: Int

    /// The rule a docket number must follow, as reported in field violations.
    public static let rule =
        "must match (YYYY)<court code><marker><number>号, e.g. (2024)苏03行初123号, where the court code is 最高法 or a "
        + "province's code with 0, 2 or 4 digits and the marker one of "
        + DocketMarker.allCases.map(\.rawValue).joined(separator: " ")

    /// The Supreme People's Court's code.
    static let supremeCourt = "最高法"

    /// The high courts' codes: province-level abbreviations, except 内 for Inner Mongolia, plus 兵
    /// for the Xinjiang Production and Construction Corps branch.
    static let provinces: Set<Unicode.Scalar> = Set("京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋内陕吉闽贵粤青藏川宁琼兵".unicodeScalars)

    /// Parses ASCII `()`, full-width `（）` or `〔〕` brackets; nil if the text is not a docket number.
    ///
    /// Works on Unicode scalars, not Characters: every part of the grammar is one scalar (or a
    /// run of them), and grapheme breaking made this parse a tenth of FileCase's time on the
    /// event loop. A combining mark anywhere still fails, because it matches no part.
    public init?(_ text: String) {
        var scanner = Scanner(text.unicodeScalars)
        let close: Unicode.Scalar
        switch scanner.next() {
        case "(": close = ")"
        case "（": close = "）"
        case "〔": close = "〕"
        default: return nil
        }
        guard let year = scanner.digits(count: 4...4), scanner.next() == close else { return nil }
        let courtStart = scanner.position
        var province: Unicode.Scalar?
        if !scanner.skip(Self.supremeCourt.unicodeScalars) {
            // A high court's code alone, an intermediate court's with 2 digits, a basic court's with 4.
            guard let scalar = scanner.next(), Self.provinces.contains(scalar),
                [0, 2, 4].contains(scanner.digitCount())
            else { return nil }
            province = scalar
        }
        let courtCode = scanner.text(from: courtStart)
        guard let marker = DocketMarker.longestFirst.first(where: { scanner.skip($0.rawValue.unicodeScalars) }),
            let sequence = scanner.digits(count: 1...9), sequence > 0, scanner.next() == "号", scanner.isAtEnd
        else { return nil }
        self.year = Int32(year)
        self.province = province.map(Character.init)
        self.courtCode = courtCode
        self.marker = marker
        self.sequence = sequence
        // Most dockets arrive spelled canonically; building the string again for each filing
        // showed in profiles. Only the brackets and leading zeros in the sequence can differ.
        if close == ")" && text.unicodeScalars.count == Self.canonicalScalarCount(sequence, courtCode, marker) {
            self.canonical = text
        } else {
            let yearDigits = String(year)
            self.canonical =
                "(\(String(repeating: "0", count: 4 - yearDigits.count))\(yearDigits))\(courtCode)\(marker.rawValue)\(sequence)号"
        }
    }

    /// The scalars of the canonical spelling: brackets, four year digits, court code, marker,
    /// the sequence's digits without leading zeros, 号.
    private static func canonicalScalarCount(_ sequence: Int, _ courtCode: String, _ marker: DocketMarker) -> Int {
        var digits = 1
        var rest = sequence / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        return 2 + 4 + courtCode.unicodeScalars.count + marker.rawValue.unicodeScalars.count + digits + 1
    }

    /// A cursor over the scalars of a docket number.
    private struct Scanner {
        let scalars: String.UnicodeScalarView
        var position: String.UnicodeScalarView.Index

        init(_ scalars: String.UnicodeScalarView) {
            self.scalars = scalars
            position = scalars.startIndex
        }

        var isAtEnd: Bool { position == scalars.endIndex }

        mutating func next() -> Unicode.Scalar? {
            guard !isAtEnd else { return nil }
            defer { position = scalars.index(after: position) }
            return scalars[position]
        }

        /// The value of the ASCII digits here if there are `count` of them (as many as there
        /// are, up to one past the upper bound, are consumed); nil otherwise.
        mutating func digits(count: ClosedRange<Int>) -> Int? {
            var value = 0
            var seen = 0
            while !isAtEnd, seen <= count.upperBound, case let scalar = scalars[position],
                scalar.value >= 0x30 && scalar.value <= 0x39
            {
                value = value * 10 + Int(scalar.value - 0x30)
                seen += 1
                position = scalars.index(after: position)
            }
            return count.contains(seen) ? value : nil
        }

        /// Consumes the ASCII digits here, up to 5 of them, and says how many it consumed.
        mutating func digitCount() -> Int {
            let start = position
            _ = digits(count: 0...4)
            return scalars.distance(from: start, to: position)
        }

        /// Consumes `expected` if the text continues with it.
        mutating func skip(_ expected: String.UnicodeScalarView) -> Bool {
            var probe = position
            for scalar in expected {
                guard probe != scalars.endIndex, scalars[probe] == scalar else { return false }
                probe = scalars.index(after: probe)
            }
            position = probe
            return true
        }

        func text(from start: String.UnicodeScalarView.Index) -> String {
            String(scalars[start..<position])
        }
    }

    /// The docket number with ASCII brackets, a four-digit year and no leading zeros in the
    /// sequence: one spelling per docket, so uniqueness does not depend on how a clerk typed it.
    public let canonical: String
}
