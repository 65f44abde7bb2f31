public import ArgumentParser
public import Messages
public import SharedDomain

/// A calendar date on the command line: `2024-03-05` (also `2024/3/5`, `2024年3月5日`).
public struct DateArgument: ExpressibleByArgument, Sendable {
    public let date: CivilDate

    public init?(argument: String) {
        guard let date = CivilTime.parseDate(argument) else { return nil }
        self.date = date
    }

    public init(_ date: CivilDate) {
        self.date = date
    }

    public var proto: Shuangjiang.Common.V1.Date { PeriodText.date(date) }

    public var defaultValueDescription: String { date.description }
}

/// A length of time on the command line: `90m`, `6h`, `1d12h`.
public struct DurationArgument: ExpressibleByArgument, Sendable {
    public let seconds: Int64

    public init?(argument: String) {
        guard let seconds = CivilTime.parseDuration(argument), seconds > 0 else { return nil }
        self.seconds = seconds
    }

    public var proto: Google.Protobuf.Duration {
        var duration = Google.Protobuf.Duration()
        duration.seconds = seconds
        return duration
    }
}

extension Session {
    /// An instant typed for `option` (see ``CivilTime/parseInstant(_:zone:now:)``), as a Timestamp;
    /// a usage error naming the option otherwise.
    public func timestamp(_ text: String, option: String) throws(ValidationError) -> Google.Protobuf.Timestamp {
        guard let instant = CivilTime.parseInstant(text, zone: zone, now: now) else {
            throw ValidationError(
                "\(option): \"\(text)\" is not a time; write 2024-03-05 14:30 (city time), 2024-03-05T06:30:00Z or now")
        }
        var timestamp = Google.Protobuf.Timestamp()
        timestamp.seconds = instant.seconds
        timestamp.nanos = instant.nanos
        return timestamp
    }

    public func period(_ text: String, option: String) throws(ValidationError) -> Shuangjiang.Common.V1.Period {
        do {
            return try PeriodText.period(text, today: today)
        } catch {
            throw ValidationError("\(option): \(error)")
        }
    }

    public func month(_ text: String, option: String) throws(ValidationError) -> Shuangjiang.Common.V1.Period {
        do {
            return try PeriodText.month(text, today: today)
        } catch {
            throw ValidationError("\(option): \(error)")
        }
    }

    public func scope(_ text: String, option: String) throws(ValidationError) -> Shuangjiang.Common.V1.Scope {
        do {
            return try PeriodText.scope(text)
        } catch {
            throw ValidationError("\(option): \(error)")
        }
    }

    /// Today in the city as a Date message.
    public var todayDate: Shuangjiang.Common.V1.Date { PeriodText.date(today) }
}
