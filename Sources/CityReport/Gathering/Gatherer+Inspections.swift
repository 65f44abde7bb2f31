internal import Messages
public import SharedDomain

extension Gatherer {
    /// The quarter's special-inspection list: `rule` applied to every agency's figures for the
    /// quarter (GetIndicators per agency and for the city, on the concluded formula whatever the
    /// service's default, so the rule's denominators are cases concluded).
    public func inspections(for quarter: CalendarPeriod, rule: InspectionRule = InspectionRule()) async throws
        -> InspectionList
    {
        guard case .quarter = quarter else {
            throw ReportError("the inspection list is drawn up per quarter (e.g. 2024Q1), not for \(quarter)")
        }
        let head = try await feedHead()
        let directory = try await directory()
        let gatherer = self
        @Sendable func candidate(
            _ response: AssessmentV1.GetIndicatorsResponse, id: String, name: String, region: String
        )
            -> InspectionCandidate
        {
            InspectionCandidate(
                agencyId: id, agencyName: name, regionName: region, litigationFiled: response.current?.caseVolume ?? 0,
                reconsiderationFiled: response.current?.reconsiderationVolume ?? 0,
                lossRate: RateFigure(response.current?.lossRate),
                correctionRate: RateFigure(response.current?.correctionRate))
        }
        let candidates = try await concurrentMap(directory.agencies, limit: concurrency) { agency in
            let response = try await gatherer.indicators(.agencyId(agency.id), quarter, head: head, formula: .concluded)
            return candidate(
                response, id: agency.id, name: agency.name, region: directory.regionName(agency.regionId))
        }
        let city = try await indicators(.city(Google.Protobuf.Empty()), quarter, head: head, formula: .concluded)
        return rule.select(
            candidates, city: candidate(city, id: "", name: directory.cityName, region: ""),
            cityName: directory.cityName, quarter: quarter)
    }
}
