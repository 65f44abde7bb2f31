public import SharedDomain

/// What a synthetic city is generated from. The same parameters always give the same city.
public struct CityParameters: Sendable, Hashable {
    /// The only source of randomness.
    public var seed: UInt64
    /// The first calendar year of history.
    public var firstYear: Int32
    /// How many calendar years of history, 1 or more.
    public var years: Int
    /// Counties, districts and zones under the city, 1-12 (the city region itself is extra).
    public var regionCount: Int
    /// First-instance case records (litigation and reconsideration) filed in the first year.
    /// Second-instance and retrial records come on top, as appeals call for them.
    public var casesPerYear: Int
    /// The share of those that are reconsideration (行政复议) rather than litigation.
    public var reconsiderationShare: Double
    /// Each year's volume as a fraction of the year before (below 1: 发案量 falls).
    public var volumeRetention: Double
    /// Opinion incidents a year that are not about a case; incidents about a case come on top.
    public var opinionsPerYear: Int
    /// The city's first-instance loss rate (审结口径) in the first year…
    public var firstYearLossRate: Double
    /// …the level it falls towards…
    public var lossRateFloor: Double
    /// …and how much of the gap above the floor remains each year (0.55: 45% of it closes).
    public var lossRateRetention: Double
    /// The last day of history: nothing is dated after it, and cases still running then stay
    /// open. Nil means the last day of the last year.
    public var today: CivilDate?

    public init(
        seed: UInt64, firstYear: Int32 = 2021, years: Int = 3, regionCount: Int = 8, casesPerYear: Int = 1600,
        reconsiderationShare: Double = 0.3, volumeRetention: Double = 0.92, opinionsPerYear: Int = 120,
        firstYearLossRate: Double = 0.12, lossRateFloor: Double = 0.05, lossRateRetention: Double = 0.55,
        today: CivilDate? = nil
    ) {
        self.seed = seed
        self.firstYear = firstYear
        self.years = years
        self.regionCount = regionCount
        self.casesPerYear = casesPerYear
        self.reconsiderationShare = reconsiderationShare
        self.volumeRetention = volumeRetention
        self.opinionsPerYear = opinionsPerYear
        self.firstYearLossRate = firstYearLossRate
        self.lossRateFloor = lossRateFloor
        self.lossRateRetention = lossRateRetention
        self.today = today
    }

    /// A city small enough to load into intake in a test: 2 years, 4 regions, 150 first-instance
    /// cases a year.
    public static func small(seed: UInt64) -> CityParameters {
        CityParameters(seed: seed, years: 2, regionCount: 4, casesPerYear: 150, opinionsPerYear: 24)
    }

    /// The last day of history.
    public var lastDay: CivilDate {
        today ?? CivilDate(year: firstYear + Int32(years) - 1, month: 12, day: 31)!
    }

    /// The target loss rate for year `offset` after the first (0 is the first year).
    public func targetLossRate(yearOffset offset: Int) -> Double {
        var gap = firstYearLossRate - lossRateFloor
        for _ in 0..<max(offset, 0) { gap *= lossRateRetention }
        return lossRateFloor + gap
    }
}
