internal import SharedDomain

/// Whether double decline (双下降) holds: case volume and loss rate both strictly lower than the
/// same period a year earlier, the rates compared exactly.
public struct DoubleDecline: Equatable, Sendable {
    public enum Verdict: Sendable { case achieved, notAchieved, undetermined }

    public let verdict: Verdict
    public let volumeDeclined: Bool
    public let lossRateDeclined: Bool
    /// One sentence for people: "发案量 120→98，败诉率 7.5%→4.5%，实现双下降".
    public let explanation: String

    public init(current: IndicatorFigures, yearEarlier: IndicatorFigures) {
        let volumes = "发案量 \(yearEarlier.caseVolume)→\(current.caseVolume)"
        volumeDeclined = current.caseVolume < yearEarlier.caseVolume
        guard let now = current.lossRate.fraction, let before = yearEarlier.lossRate.fraction else {
            lossRateDeclined = false
            verdict = .undetermined
            explanation = "\(volumes)，败诉率 \(yearEarlier.lossRate.percent)→\(current.lossRate.percent)，无审结案件，不作判定"
            return
        }
        lossRateDeclined = now < before
        let rates = "败诉率 \(before.percent(decimals: 2))→\(now.percent(decimals: 2))"
        if volumeDeclined && lossRateDeclined {
            verdict = .achieved
            explanation = "\(volumes)，\(rates)，实现双下降"
        } else {
            verdict = .notAchieved
            let missing = [volumeDeclined ? nil : "发案量未下降", lossRateDeclined ? nil : "败诉率未下降"].compactMap { $0 }
            explanation = "\(volumes)，\(rates)，\(missing.joined(separator: "、"))，未实现双下降"
        }
    }
}
