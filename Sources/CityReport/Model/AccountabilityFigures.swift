/// Accountability statistics (追责问责统计) of the city or one region for the period, from
/// GetAccountabilityStats.
public struct AccountabilityFigures: Sendable, Hashable {
    /// "全市" for the city, else the region's name.
    public var scopeName: String
    public var isCity: Bool
    /// 移送线索.
    public var cluesReferred: Int64
    public var investigationsStarted: Int64
    public var opinionsProposed: Int64
    public var decisionsExecuted: Int64
    /// 实施责任追究.
    public var casesHeldAccountable: Int64
    /// 处理党员干部 (distinct persons).
    public var personsHandled: Int64
    /// Cases where only the unit was held accountable (单位追责, no person named).
    public var unitOnlyCases: Int64
    public var escalationsHeld: Int64
    public var supervisionsOpened: Int64
    public var supervisionsClosed: Int64
    /// Decisions executed by disposition, in the service's order, zeros included.
    public var byDisposition: [Count]
    /// The period's clues by the step each stands at now.
    public var byCurrentStep: [Count]

    public struct Count: Sendable, Hashable {
        public var label: String
        public var count: Int64

        public init(label: String, count: Int64) {
            self.label = label
            self.count = count
        }
    }

    public init(
        scopeName: String, isCity: Bool, cluesReferred: Int64 = 0, investigationsStarted: Int64 = 0,
        opinionsProposed: Int64 = 0, decisionsExecuted: Int64 = 0, casesHeldAccountable: Int64 = 0,
        personsHandled: Int64 = 0, unitOnlyCases: Int64 = 0, escalationsHeld: Int64 = 0, supervisionsOpened: Int64 = 0,
        supervisionsClosed: Int64 = 0, byDisposition: [Count] = [], byCurrentStep: [Count] = []
    ) {
        self.scopeName = scopeName
        self.isCity = isCity
        self.cluesReferred = cluesReferred
        self.investigationsStarted = investigationsStarted
        self.opinionsProposed = opinionsProposed
        self.decisionsExecuted = decisionsExecuted
        self.casesHeldAccountable = casesHeldAccountable
        self.personsHandled = personsHandled
        self.unitOnlyCases = unitOnlyCases
        self.escalationsHeld = escalationsHeld
        self.supervisionsOpened = supervisionsOpened
        self.supervisionsClosed = supervisionsClosed
        self.byDisposition = byDisposition
        self.byCurrentStep = byCurrentStep
    }
}
