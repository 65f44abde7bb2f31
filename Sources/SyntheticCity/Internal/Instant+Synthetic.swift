internal import Messages
internal import SharedDomain

extension Instant {
    /// The wire form (ServiceKit's bridge is out of this module's reach).
    var timestamp: Google.Protobuf.Timestamp {
        var timestamp = Google.Protobuf.Timestamp()
        timestamp.seconds = seconds
        timestamp.nanos = nanos
        return timestamp
    }

    /// The calendar day in the city.
    var cityDate: CivilDate { CityTimeZone.shanghai.date(of: self)! }

    func plus(minutes: Double) -> Instant { adding(seconds: Int64((minutes * 60).rounded())) }

    func plus(hours: Double) -> Instant { plus(minutes: hours * 60) }

    func minutes(since other: Instant) -> Double { Double(seconds - other.seconds) / 60 }
}
