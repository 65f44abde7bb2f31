public import SharedDomain

extension SyntheticCity {
    /// The default loss rate (审结口径) the generated data implies as of `now`: first-instance
    /// litigation records whose own instance ended (judgment, ruling or withdrawal) within
    /// `period`, counted as lost by their effective outcome. `include` narrows the scope, e.g. to
    /// a region (`$0.regionIndex == 3`) or a category.
    public func lossTally(in period: CalendarPeriod, where include: (SyntheticCase) -> Bool = { _ in true })
        -> LossTally
    {
        var tally = LossTally()
        for record in cases where record.isFirstInstanceLitigation && include(record) {
            guard let day = record.ownConcludedOn, period.contains(day) else { continue }
            tally.concluded += 1
            if record.isLoss { tally.losses += 1 }
        }
        return tally
    }
}
