public import SharedDomain

extension Shuangjiang.Common.V1.Period {
    /// The period as answers name it: kind, year and index, with first_day and last_day filled.
    public init(_ period: CalendarPeriod) {
        self.init()
        switch period {
        case .month(let year, let month):
            kind = .month
            self.year = year
            index = month
        case .quarter(let year, let quarter):
            kind = .quarter
            self.year = year
            index = quarter
        case .year(let year):
            kind = .year
            self.year = year
        case .range:
            kind = .range
        }
        firstDay = period.days.lowerBound.date
        lastDay = period.days.upperBound.date
    }
}
