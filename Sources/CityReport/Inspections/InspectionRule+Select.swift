public import SharedDomain

extension InspectionRule {
    /// Applies the rule to every agency of the city for one quarter. `city` is the city's own
    /// figures (GetIndicators for the city scope), so agencies the city holds but that are not in
    /// `candidates` still count in its rate.
    public func select(
        _ candidates: [InspectionCandidate], city: InspectionCandidate, cityName: String, quarter: CalendarPeriod
    ) -> InspectionList {
        let places = volumePlaces(among: candidates.count)
        let byVolume = candidates.map(\.filed).sorted(by: >)
        // The fewest cases still inside the top places; ties with it are in too.
        let cutoff: Int64? = places > 0 && !byVolume.isEmpty ? byVolume[min(places, byVolume.count) - 1] : nil
        let cityRate = city.combinedRate
        var entries: [InspectionList.Entry] = []
        for candidate in candidates {
            var reasons: [InspectionList.Reason] = []
            if let cutoff, candidate.filed >= cutoff, candidate.filed >= minimumVolume, candidate.filed > 0 {
                reasons.append(.highIncidence(place: 1 + byVolume.filter { $0 > candidate.filed }.count))
            }
            if isHighCorrection(candidate.combinedRate, city: cityRate) { reasons.append(.highCorrection) }
            if !reasons.isEmpty { entries.append(.init(candidate: candidate, reasons: reasons)) }
        }
        entries.sort { a, b in
            if a.reasons.count != b.reasons.count { return a.reasons.count > b.reasons.count }
            if a.candidate.filed != b.candidate.filed { return a.candidate.filed > b.candidate.filed }
            return a.candidate.agencyName < b.candidate.agencyName
        }
        return InspectionList(
            cityName: cityName, quarter: quarter, rule: self, agenciesConsidered: candidates.count,
            volumeCutoff: cutoff.map { max($0, minimumVolume, 1) }, cityRate: cityRate, entries: entries)
    }

    /// rate > city + margin, exactly. A city with nothing concluded has no rate to compare with:
    /// the rule then holds against the margin alone (rate > margin).
    func isHighCorrection(_ rate: RateFigure, city: RateFigure) -> Bool {
        guard rate.denominator >= max(minimumConcluded, 1), let fraction = rate.fraction else { return false }
        let base = city.fraction ?? Fraction(0, 1)!
        guard let line = base + correctionMargin else { return false }
        return fraction > line
    }
}
