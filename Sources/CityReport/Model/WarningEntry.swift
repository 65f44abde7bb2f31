public import SharedDomain

/// A three-colour warning (三色预警) of one region or agency for one period, from ListWarnings.
public struct WarningEntry: Sendable, Hashable {
    public enum Level: Sendable, Hashable {
        case red
        case yellow
        case green
    }

    public var period: CalendarPeriod
    public var unitKind: UnitFigures.Kind
    public var unitName: String
    public var level: Level
    public var lossRate: RateFigure
    public var cityLossRate: RateFigure
    /// The service's sentence for each rule tripped, most severe first; empty for green.
    public var reasons: [String]

    public init(
        period: CalendarPeriod, unitKind: UnitFigures.Kind, unitName: String, level: Level, lossRate: RateFigure,
        cityLossRate: RateFigure, reasons: [String] = []
    ) {
        self.period = period
        self.unitKind = unitKind
        self.unitName = unitName
        self.level = level
        self.lossRate = lossRate
        self.cityLossRate = cityLossRate
        self.reasons = reasons
    }
}
