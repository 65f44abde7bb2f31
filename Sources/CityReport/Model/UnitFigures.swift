/// The indicators of the city, one region or one agency for the report's period and the same
/// period a year earlier, with the double-decline verdict between them.
public struct UnitFigures: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case city
        case region
        case agency
    }

    public var kind: Kind
    /// The intake id; empty for the city.
    public var id: String
    public var name: String
    /// For an agency, its region's name.
    public var regionName: String
    public var current: Figures
    public var yearEarlier: Figures
    public var doubleDecline: DoubleDeclineFigure

    public init(
        kind: Kind, id: String, name: String, regionName: String = "", current: Figures,
        yearEarlier: Figures = Figures(),
        doubleDecline: DoubleDeclineFigure = DoubleDeclineFigure(verdict: .undetermined)
    ) {
        self.kind = kind
        self.id = id
        self.name = name
        self.regionName = regionName
        self.current = current
        self.yearEarlier = yearEarlier
        self.doubleDecline = doubleDecline
    }
}
