internal import Messages
internal import SharedDomain

extension CivilDate {
    /// The wire form. ServiceKit has the same bridge, but this module depends only on Messages
    /// and SharedDomain.
    var protoDate: Shuangjiang.Common.V1.Date {
        var date = Shuangjiang.Common.V1.Date()
        date.year = year
        date.month = month
        date.day = day
        return date
    }

    /// Monday through Friday: courts and agencies file and decide on working days.
    var isWorkingDay: Bool { (daysSinceEpoch + 3).floorModulo(7) < 5 }

    /// `count` days later; the generator stays far inside the valid years.
    func plus(_ count: Int) -> CivilDate { adding(days: Int64(count))! }

    /// This day, or the next working day if it falls on a weekend.
    var nextWorkingDay: CivilDate {
        var day = self
        while !day.isWorkingDay { day = day.plus(1) }
        return day
    }

    func days(since other: CivilDate) -> Int { Int(daysSinceEpoch - other.daysSinceEpoch) }

    /// The instant at `hour`:`minute` local time in the city.
    func at(hour: Int, minute: Int = 0, second: Int = 0) -> Instant {
        CityTimeZone.shanghai.start(of: self).adding(seconds: Int64(hour * 3600 + minute * 60 + second))
    }
}

extension Int64 {
    fileprivate func floorModulo(_ divisor: Int64) -> Int64 {
        let remainder = self % divisor
        return remainder < 0 ? remainder + divisor : remainder
    }
}
