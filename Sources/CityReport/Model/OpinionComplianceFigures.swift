/// On-time rates of opinion-incident responses (舆情处置时效) for the period, from
/// GetOpinionCompliance.
public struct OpinionComplianceFigures: Sendable, Hashable {
    public enum Deadline: Sendable, Hashable, CaseIterable {
        /// 速报 within 1 hour.
        case reportUp
        /// 发声 within 6 hours of media attention.
        case firstStatement
        /// 受理问询 within 12 hours.
        case inquiriesAccepted
        /// 正式回应 within 24 hours.
        case formalResponse
    }

    public struct DeadlineFigure: Sendable, Hashable {
        public var deadline: Deadline
        public var onTime: RateFigure
        public var met: Int64
        public var missed: Int64
        public var pending: Int64

        public init(deadline: Deadline, onTime: RateFigure, met: Int64, missed: Int64, pending: Int64) {
            self.deadline = deadline
            self.onTime = onTime
            self.met = met
            self.missed = missed
            self.pending = pending
        }
    }

    public struct Department: Sendable, Hashable {
        public var name: String
        public var deadlines: [DeadlineFigure]
        public var overall: RateFigure

        public init(name: String, deadlines: [DeadlineFigure], overall: RateFigure) {
            self.name = name
            self.deadlines = deadlines
            self.overall = overall
        }
    }

    /// Over every department, one per deadline kind.
    public var totals: [DeadlineFigure]
    /// Lowest overall on-time rate first, as the service orders them.
    public var departments: [Department]

    public init(totals: [DeadlineFigure] = [], departments: [Department] = []) {
        self.totals = totals
        self.departments = departments
    }
}
