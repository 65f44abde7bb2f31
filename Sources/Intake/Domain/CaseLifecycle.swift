internal import GRPCCore
public import Messages
internal import ServiceKit
public import SharedDomain

/// A case's state machine: the state, outcomes and dates derived by replaying its events, and the
/// rules that refuse impossible sequences (the table on CaseState in case_types.proto).
///
/// Pure: it knows nothing of storage or time. Events are assumed to have passed field
/// validation (required dates present and valid).
public struct CaseLifecycle: Equatable, Sendable {
    public typealias V1 = Shuangjiang.Intake.V1

    public let kind: V1.CaseKind
    public let instance: V1.Instance
    public let filedOn: CivilDate
    /// For a separate higher-instance record: the effective outcome of the record it continues,
    /// which stands when this record ends with APPEAL_DISMISSED.
    public let priorOutcome: (outcome: V1.CaseOutcome, on: CivilDate)?

    public private(set) var state = V1.CaseState.filed
    /// The outcome of this record's own instance.
    public private(set) var ownOutcome = V1.CaseOutcome.unspecified
    public private(set) var concludedOn: CivilDate?
    /// The effective (生效) outcome; unspecified while an appeal or a remand is pending.
    public private(set) var finalOutcome = V1.CaseOutcome.unspecified
    public private(set) var finalConcludedOn: CivilDate?
    public private(set) var selfCorrected = false
    private var mediationStartedOn: CivilDate?
    private var appealedOn: CivilDate?
    /// The instance whose judgment ended the case last; an appeal lies only from the first.
    private var lastJudgmentInstance = V1.Instance.unspecified

    public init(
        kind: V1.CaseKind, instance: V1.Instance, filedOn: CivilDate,
        priorOutcome: (outcome: V1.CaseOutcome, on: CivilDate)? = nil
    ) {
        self.kind = kind
        self.instance = instance
        self.filedOn = filedOn
        self.priorOutcome = priorOutcome
    }

    public static func == (lhs: CaseLifecycle, rhs: CaseLifecycle) -> Bool {
        lhs.kind == rhs.kind && lhs.instance == rhs.instance && lhs.filedOn == rhs.filedOn
            && lhs.state == rhs.state && lhs.ownOutcome == rhs.ownOutcome && lhs.concludedOn == rhs.concludedOn
            && lhs.finalOutcome == rhs.finalOutcome && lhs.finalConcludedOn == rhs.finalConcludedOn
            && lhs.selfCorrected == rhs.selfCorrected && lhs.priorOutcome?.outcome == rhs.priorOutcome?.outcome
    }

    /// Whether `finalOutcome` counts as a loss (败诉).
    public var isLoss: Bool { finalOutcome.isLoss }

    /// Open states (未结).
    public var isOpen: Bool { [.filed, .inMediation, .hearingScheduled, .appealed].contains(state) }

    /// Applies one event, or throws without changing anything.
    public mutating func apply(_ event: V1.CaseEvent.Event) throws(CaseEventRejection) {
        var next = self
        try next.transition(event)
        self = next
    }

    private mutating func transition(_ event: V1.CaseEvent.Event) throws(CaseEventRejection) {
        switch state {
        case .withdrawn:
            throw reject(.eventAfterWithdrawal)
        case .concluded:
            switch event {
            case .appealed(let appeal): try lodge(appeal)
            case .concluded: throw reject(.concludedTwice)
            default: throw reject(.eventAfterConclusion)
            }
        case .appealed:
            try duringAppeal(event)
        default:
            try beforeJudgment(event)
        }
    }

    private mutating func beforeJudgment(_ event: V1.CaseEvent.Event) throws(CaseEventRejection) {
        switch event {
        case .mediationStarted(let mediation):
            let day = try notBeforeFiling(mediation.startedOn, field: "mediation_started.started_on")
            switch state {
            case .inMediation: throw reject(.mediationAlreadyStarted)
            case .hearingScheduled: throw reject(.mediationDuringHearing)
            default: break
            }
            state = .inMediation
            mediationStartedOn = day
        case .mediationConcluded(let mediation):
            guard state == .inMediation, let started = mediationStartedOn else { throw reject(.mediationNotStarted) }
            let day = try date(mediation.concludedOn, field: "mediation_concluded.concluded_on")
            guard day >= started else { throw reject(.mediationEndsBeforeStart) }
            state = .filed
            mediationStartedOn = nil
        case .selfCorrected(let correction):
            _ = try notBeforeFiling(correction.correctedOn, field: "self_corrected.corrected_on")
            selfCorrected = true
        case .hearingScheduled:
            guard state != .inMediation else { throw reject(.hearingDuringMediation) }
            state = .hearingScheduled
        case .headAppearance(let appearance):
            _ = try notBeforeFiling(appearance.appearedOn, field: "head_appearance.appeared_on")
            guard state == .hearingScheduled else { throw reject(.appearanceWithoutHearing) }
        case .concluded(let conclusion):
            try checkOutcome(conclusion.outcome)
            // SECOND on a first-instance record is right once appealed: a refusal of this state.
            if conclusion.instance == .second && instance == .first { throw reject(.secondInstanceWithoutAppeal) }
            guard conclusion.instance == instance else { throw Self.instanceNeverAllowed(instance) }
            let day = try notBeforeFiling(conclusion.concludedOn, field: "concluded.concluded_on")
            state = .concluded
            ownOutcome = conclusion.outcome
            concludedOn = day
            lastJudgmentInstance = conclusion.instance
            settleFinal(conclusion.outcome, on: day, earlier: priorOutcome)
        case .withdrawn(let withdrawal):
            let day = try notBeforeFiling(withdrawal.withdrawnOn, field: "withdrawn.withdrawn_on")
            state = .withdrawn
            ownOutcome = withdrawal.afterAgencyChangedAct ? .withdrawnAfterChange : .withdrawn
            concludedOn = day
            finalOutcome = ownOutcome
            finalConcludedOn = day
        case .appealed:
            throw reject(.appealOnlyFromFirstInstanceLitigation)
        }
    }

    /// How a separate higher-instance record (second instance or retrial, linked to this record by
    /// `related_first_instance_case_id`) stands.
    public enum LinkedRuling: Equatable, Sendable {
        /// A second-instance record is open: the appeal suspends the first-instance judgment
        /// (未生效) just as an appeal recorded within the record does. An open retrial does not:
        /// the judgment stays in force while a retrial is heard.
        case pending(since: CivilDate)
        /// The higher instance concluded with `outcome` (its own instance's outcome).
        case judgment(V1.CaseOutcome, on: CivilDate)
        /// The appeal (or retrial application) was withdrawn: the earlier judgment stands.
        case withdrawn(on: CivilDate)

        /// The ruling of a higher-instance record in `state` with its own `outcome`, filed on
        /// `filedOn` and concluded on `concludedOn`; nil for a first-instance record, an open
        /// retrial, or a record missing the date its state needs.
        public init?(
            instance: V1.Instance, state: V1.CaseState, outcome: V1.CaseOutcome, filedOn: CivilDate?,
            concludedOn: CivilDate?
        ) {
            switch (instance, state, concludedOn) {
            case (.first, _, _): return nil
            case (_, .concluded, let on?): self = .judgment(outcome, on: on)
            case (_, .withdrawn, let on?): self = .withdrawn(on: on)
            case (.second, .filed, _), (.second, .inMediation, _), (.second, .hearingScheduled, _):
                guard let filedOn else { return nil }
                self = .pending(since: filedOn)
            default: return nil
            }
        }

        public var day: CivilDate {
            switch self {
            case .pending(let since): since
            case .judgment(_, let on), .withdrawn(let on): on
            }
        }
    }

    /// Whether this record stands on its own first-instance judgment (concluded, never appealed
    /// within the record), so that a linked higher-instance ruling decides its effective outcome.
    public var isOpenToLinkedRuling: Bool {
        state == .concluded && instance == .first && lastJudgmentInstance == .first && !ownOutcome.isHigherInstanceOnly
    }

    /// Settles the effective outcome by the ruling of a linked higher-instance record, by the same
    /// rules as an appeal within the record: a pending appeal makes the record APPEALED with no
    /// effective outcome, a judgment that reverses or varies replaces the outcome, APPEAL_DISMISSED
    /// and a withdrawal put this record's own outcome in force from that day, REMANDED leaves none.
    /// Changes nothing unless `isOpenToLinkedRuling`. Call it after replaying the record's own
    /// events, with the latest ruling among its linked records.
    public mutating func settle(byLinked ruling: LinkedRuling) {
        guard isOpenToLinkedRuling, let concludedOn else { return }
        switch ruling {
        case .pending:
            state = .appealed
            finalOutcome = .unspecified
            finalConcludedOn = nil
        case .judgment(let outcome, let day):
            settleFinal(outcome, on: day, earlier: (ownOutcome, concludedOn))
        case .withdrawn(let day):
            finalOutcome = ownOutcome
            finalConcludedOn = day
        }
    }

    private mutating func lodge(_ appeal: V1.Appealed) throws(CaseEventRejection) {
        guard kind == .litigation, instance == .first, lastJudgmentInstance == .first,
            !ownOutcome.isHigherInstanceOnly
        else { throw reject(.appealOnlyFromFirstInstanceLitigation) }
        let day = try date(appeal.appealedOn, field: "appealed.appealed_on")
        if let concludedOn, day < concludedOn { throw reject(.appealDatedBeforeJudgment) }
        state = .appealed
        appealedOn = day
        finalOutcome = .unspecified
        finalConcludedOn = nil
    }

    private mutating func duringAppeal(_ event: V1.CaseEvent.Event) throws(CaseEventRejection) {
        switch event {
        case .hearingScheduled:
            break
        case .headAppearance(let appearance):
            _ = try notBeforeFiling(appearance.appearedOn, field: "head_appearance.appeared_on")
        case .selfCorrected(let correction):
            _ = try notBeforeFiling(correction.correctedOn, field: "self_corrected.corrected_on")
            selfCorrected = true
        case .concluded(let conclusion):
            try checkOutcome(conclusion.outcome)
            // FIRST was right before the judgment: a refusal of this state. Only first-instance
            // records are ever APPEALED, and RETRIAL is never theirs.
            if conclusion.instance == .first { throw reject(.firstInstanceAlreadyConcluded) }
            guard conclusion.instance == .second else { throw Self.instanceNeverAllowed(instance) }
            let day = try notBeforeFiling(conclusion.concludedOn, field: "concluded.concluded_on")
            if let appealedOn, day < appealedOn { throw reject(.higherInstanceDatedBeforeAppeal) }
            state = .concluded
            lastJudgmentInstance = .second
            settleFinal(conclusion.outcome, on: day, earlier: concludedOn.map { (ownOutcome, $0) })
        case .withdrawn(let withdrawal):
            // 撤回上诉: the first-instance judgment takes effect.
            let day = try notBeforeFiling(withdrawal.withdrawnOn, field: "withdrawn.withdrawn_on")
            if let appealedOn, day < appealedOn { throw reject(.higherInstanceDatedBeforeAppeal) }
            state = .concluded
            lastJudgmentInstance = .second
            finalOutcome = ownOutcome
            finalConcludedOn = day
        case .appealed:
            throw reject(.appealAlreadyPending)
        case .mediationStarted, .mediationConcluded:
            throw reject(.eventAfterConclusion)
        }
    }

    /// The effective outcome after a judgment: dismissing an appeal leaves the earlier outcome in
    /// force from the day of dismissal; a remand leaves none until the retrial ends.
    private mutating func settleFinal(
        _ outcome: V1.CaseOutcome, on day: CivilDate, earlier: (V1.CaseOutcome, CivilDate)?
    ) {
        switch outcome {
        case .appealDismissed:
            finalOutcome = earlier?.0 ?? .unspecified
            finalConcludedOn = earlier == nil ? nil : day
        case .remanded:
            finalOutcome = .unspecified
            finalConcludedOn = nil
        default:
            finalOutcome = outcome
            finalConcludedOn = day
        }
    }

    /// A Concluded.instance that a record of `instance` never concludes with, whatever its state:
    /// wrong in itself, so INVALID_ARGUMENT.
    private static func instanceNeverAllowed(_ instance: V1.Instance) -> CaseEventRejection {
        let allowed =
            instance == .first
            ? "INSTANCE_FIRST, or INSTANCE_SECOND once appealed, on a first-instance record"
            : "the record's own instance, INSTANCE_\("\(instance)".uppercased())"
        return .invalidField(.init(field: "concluded.instance", description: "must be \(allowed)"))
    }

    private func checkOutcome(_ outcome: V1.CaseOutcome) throws(CaseEventRejection) {
        guard outcome.isAllowed(for: kind) else {
            throw .invalidField(
                .init(field: "concluded.outcome", description: "\(outcome) is not an outcome of \(kind)"))
        }
    }

    private func date(_ value: Shuangjiang.Common.V1.Date?, field: String) throws(CaseEventRejection) -> CivilDate {
        guard let day = CivilDate(value) else {
            throw .invalidField(.init(field: field, description: "required: a valid date"))
        }
        return day
    }

    private func notBeforeFiling(_ value: Shuangjiang.Common.V1.Date?, field: String) throws(CaseEventRejection)
        -> CivilDate
    {
        let day = try date(value, field: field)
        guard day >= filedOn else { throw reject(.datedBeforeFiling) }
        return day
    }

    private func reject(_ rule: CaseRule) -> CaseEventRejection {
        .rule(rule, state: state.name)
    }
}
