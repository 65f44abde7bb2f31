public import SharedDomain

extension CaseRiskHistory {
    /// Adds (`sign` 1) or removes (-1) one first-instance case's conclusion, if it falls in the
    /// window: what a fresh read of the history would show after the change.
    public mutating func count(
        agency: Int64, category: Int32, filedOn: CivilDate, concludedOn: CivilDate?, lost: Bool, sign: Int
    ) {
        guard let concludedOn, window.contains(concludedOn) else { return }
        let delta = LossTally(concluded: Int64(sign), losses: lost ? Int64(sign) : 0)
        city += delta
        agencies[agency, default: LossTally()] += delta
        categories[category, default: LossTally()] += delta
        conclusionTimes.change(concludedOn.daysSinceEpoch - filedOn.daysSinceEpoch, sign: sign)
    }

    /// Adds (`sign` 1) or removes (-1) one reconsideration correction.
    public mutating func correction(agency: Int64, on day: CivilDate, sign: Int) {
        var days = corrections[agency] ?? []
        if sign > 0 {
            days.append(day)
            days.sort()
        } else if let index = days.firstIndex(of: day) {
            days.remove(at: index)
        }
        corrections[agency] = days
    }
}
