public import SharedDomain

/// The report's case collection for 以案说法 (案例汇编): the period's lost and corrected cases,
/// grouped by agency and then by category, each with the events that led to its outcome.
public struct Casebook: Sendable, Hashable {
    /// One agency's cases, by category.
    public struct AgencyGroup: Sendable, Hashable {
        public var agencyId: String
        public var agencyName: String
        public var regionName: String
        public var categories: [CategoryGroup]

        public init(agencyId: String, agencyName: String, regionName: String, categories: [CategoryGroup]) {
            self.agencyId = agencyId
            self.agencyName = agencyName
            self.regionName = regionName
            self.categories = categories
        }

        public var caseCount: Int { categories.reduce(0) { $0 + $1.entries.count } }
    }

    /// One category (案由) of one agency's cases.
    public struct CategoryGroup: Sendable, Hashable {
        /// The category's Chinese name, e.g. "行政征收或者征用".
        public var category: String
        public var entries: [CasebookEntry]

        public init(category: String, entries: [CasebookEntry]) {
            self.category = category
            self.entries = entries
        }
    }

    public var cityName: String
    public var period: CalendarPeriod
    /// Agencies with the most cases first, then in intake's order (region, name).
    public var agencies: [AgencyGroup]

    public init(cityName: String, period: CalendarPeriod, agencies: [AgencyGroup]) {
        self.cityName = cityName
        self.period = period
        self.agencies = agencies
    }

    public var entries: [CasebookEntry] { agencies.flatMap { $0.categories.flatMap(\.entries) } }

    /// How many entries were listed for a reason.
    public func count(_ reason: CasebookEntry.Reason) -> Int { entries.filter { $0.reason == reason }.count }
}
