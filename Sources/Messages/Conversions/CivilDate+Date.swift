public import SharedDomain

extension CivilDate {
    /// Nil for a missing or invalid common.v1.Date.
    public init?(_ date: Shuangjiang.Common.V1.Date?) {
        guard let date else { return nil }
        self.init(year: date.year, month: date.month, day: date.day)
    }

    public var date: Shuangjiang.Common.V1.Date {
        var date = Shuangjiang.Common.V1.Date()
        date.year = year
        date.month = month
        date.day = day
        return date
    }
}
