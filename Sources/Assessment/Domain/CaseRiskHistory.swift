public import SharedDomain

/// The history a case is scored against as of some day: first-instance conclusions and losses of
/// the city, each agency and each category over the whole calendar months before that day's month
/// (so a month's screening uses one history throughout), how long those cases took, and every
/// reconsideration correction by agency.
public struct CaseRiskHistory: Equatable, Sendable {
    public var window: ClosedRange<CivilDate>
    public var city: LossTally
    public var agencies: [Int64: LossTally]
    /// By intake.v1.CaseCategory number.
    public var categories: [Int32: LossTally]
    public var conclusionTimes: ConclusionTimes
    /// Conclusion days of reconsideration cases decided as corrections, by agency, sorted.
    public var corrections: [Int64: [CivilDate]]

    public init(
        window: ClosedRange<CivilDate>, city: LossTally = LossTally(), agencies: [Int64: LossTally] = [:],
        categories: [Int32: LossTally] = [:], conclusionTimes: ConclusionTimes = ConclusionTimes([]),
        corrections: [Int64: [CivilDate]] = [:]
    ) {
        self.window = window
        self.city = city
        self.agencies = agencies
        self.categories = categories
        self.conclusionTimes = conclusionTimes
        self.corrections = corrections.mapValues { $0.sorted() }
    }

    /// The `months` whole calendar months before `day`'s month.
    public static func window(before day: CivilDate, months: Int32) -> ClosedRange<CivilDate> {
        let first = CivilDate(year: day.year, month: day.month, day: 1)!
        let end = first.adding(days: -1) ?? first
        let total = day.year * 12 + (day.month - 1) - max(months, 1)
        let start = CivilDate(year: total / 12, month: total % 12 + 1, day: 1) ?? end
        return start...end
    }

    /// Corrections of `agency` concluded within `days`.
    public func correctionCount(agency: Int64, in days: ClosedRange<CivilDate>) -> Int {
        (corrections[agency] ?? []).reduce(0) { $0 + (days.contains($1) ? 1 : 0) }
    }
}
