/// How the city's practice improves year by year as the 双降 work takes hold (year offset 0 is
/// the first year): more mediation first (调解前置), more heads in court who also speak, more
/// self-correction (自我纠错) instead of judgments, fewer appeals by agencies (服判息诉), fewer
/// corrections in reconsideration, and opinion milestones more often on time.
enum ReformTrends {
    static func mediationShare(_ t: Int) -> Double { min(0.40, 0.15 + 0.07 * Double(t)) }
    static func headAppearance(_ t: Int) -> Double { min(0.90, 0.35 + 0.20 * Double(t)) }
    static func speakShare(_ t: Int) -> Double { min(0.92, 0.65 + 0.10 * Double(t)) }
    /// The share of would-be losses the agency heads off by correcting its act.
    static func selfCorrection(_ t: Int) -> Double { min(0.45, 0.15 + 0.08 * Double(t)) }
    static func agencyAppeal(_ t: Int) -> Double { max(0.10, 0.30 - 0.05 * Double(t)) }
    static let plaintiffAppeal = 0.38
    static func reconsiderationCorrection(_ t: Int) -> Double {
        var gap = 0.07
        for _ in 0..<max(t, 0) { gap *= 0.6 }
        return 0.09 + gap
    }
    static func milestoneOnTime(_ t: Int) -> Double { min(0.95, 0.84 + 0.03 * Double(t)) }
}
