public import SharedDomain

/// When an agency goes on the quarter's special-inspection list (专项监督检查, the report's
/// 对策建议三: "针对案发率高、纠错率高的行政机关"). Either reason is enough.
///
/// * **High case incidence (案发率高).** Its cases filed in the quarter (first-instance
///   litigation plus reconsideration) put it in the top ``volumeShare`` of the city's agencies
///   (the top decile by default): with N agencies, the top ⌈N × share⌉ places, ties with the last
///   place included; and at least ``minimumVolume`` cases, so a quiet quarter lists no one.
/// * **High correction rate (纠错率高).** Its cases lost or corrected over its cases concluded
///   (first-instance litigation lost on the concluded formula, plus reconsideration corrected,
///   over both concluded) exceed the city's same rate by more than ``correctionMargin``
///   (5 points by default), compared exactly in integers; with at least ``minimumConcluded``
///   cases concluded, so one case lost out of one is not a pattern.
public struct InspectionRule: Sendable, Hashable {
    public var volumeShare: Fraction
    public var minimumVolume: Int64
    public var correctionMargin: Fraction
    public var minimumConcluded: Int64

    public init(
        volumeShare: Fraction = Fraction(1, 10)!, minimumVolume: Int64 = 3,
        correctionMargin: Fraction = Fraction(5, 100)!,
        minimumConcluded: Int64 = 3
    ) {
        self.volumeShare = volumeShare
        self.minimumVolume = minimumVolume
        self.correctionMargin = correctionMargin
        self.minimumConcluded = minimumConcluded
    }

    /// How many places the incidence rule lists among `agencies` agencies: ⌈agencies × share⌉.
    public func volumePlaces(among agencies: Int) -> Int {
        let top = Int128(agencies) * Int128(volumeShare.numerator)
        let bottom = Int128(volumeShare.denominator)
        return Int((top + bottom - 1) / bottom)
    }

    /// The rule in words, printed with every list.
    public var statement: String {
        "案发率高：本季度新收案件（一审行政诉讼＋行政复议）位列全市机关前 \(volumeShare.percent(decimals: 2))"
            + "（并列者一并列入），且不少于 \(minimumVolume) 件；"
            + "纠错率高：（一审败诉＋复议纠错）÷（一审审结＋复议审结）高于全市同口径 \(correctionMargin.percent(decimals: 2)) 以上"
            + "（整数精确比较），且审结不少于 \(minimumConcluded) 件。两项满足其一即列入。"
    }

    /// The same rule in English, for the docs and for readers of `--help`.
    public var statementInEnglish: String {
        "high incidence: cases filed in the quarter (first-instance litigation + reconsideration) in the top "
            + "\(volumeShare.percent(decimals: 2)) of the city's agencies (ties included) and at least \(minimumVolume); "
            + "high correction: (losses + reconsideration corrections) ÷ (litigation + reconsideration concluded) more "
            + "than \(correctionMargin.percent(decimals: 2)) above the city's, with at least \(minimumConcluded) concluded. "
            + "Either one lists an agency."
    }
}
