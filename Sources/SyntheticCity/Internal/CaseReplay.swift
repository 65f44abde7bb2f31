internal import Messages
internal import SharedDomain

/// What intake derives from a record's events (DESIGN.md, "Cases"; the table on CaseState),
/// kept by the generator as its own bookkeeping: the end-to-end test checks that intake derives
/// the same for every generated case.
struct CaseReplay: Sendable {
    typealias V1 = Shuangjiang.Intake.V1

    /// How a linked higher-instance record stands, for its first-instance record.
    enum Ruling {
        case pending(since: CivilDate)
        case judgment(V1.CaseOutcome, on: CivilDate)
        case withdrawn(on: CivilDate)

        var day: CivilDate {
            switch self {
            case .pending(let day), .judgment(_, let day), .withdrawn(let day): day
            }
        }
    }

    private(set) var state = V1.CaseState.filed
    private(set) var own = V1.CaseOutcome.unspecified
    private(set) var ownOn: CivilDate?
    private(set) var final = V1.CaseOutcome.unspecified
    /// An appeal was decided or withdrawn within the record.
    private var judgedWithinRecord = false

    /// `prior` is the related first-instance record's own outcome, which stands when this
    /// higher-instance record dismisses the appeal.
    init(_ events: [SyntheticCaseEvent], prior: V1.CaseOutcome) {
        for event in events { apply(event.event, on: event.date, prior: prior) }
    }

    private mutating func apply(_ event: V1.CaseEvent.Event, on day: CivilDate, prior: V1.CaseOutcome) {
        switch event {
        case .mediationStarted: state = .inMediation
        case .mediationConcluded: state = .filed
        case .hearingScheduled: if state != .appealed { state = .hearingScheduled }
        case .selfCorrected, .headAppearance: break
        case .appealed:
            state = .appealed
            final = .unspecified
        case .concluded(let conclusion):
            if state == .appealed {
                judgedWithinRecord = true
                final = conclusion.outcome == .appealDismissed ? own : conclusion.outcome
            } else {
                own = conclusion.outcome
                ownOn = day
                final = conclusion.outcome == .appealDismissed ? prior : conclusion.outcome
            }
            state = .concluded
        case .withdrawn(let withdrawal):
            if state == .appealed {
                judgedWithinRecord = true
                state = .concluded
                final = own
            } else {
                state = .withdrawn
                own = withdrawal.afterAgencyChangedAct ? .withdrawnAfterChange : .withdrawn
                ownOn = day
                final = own
            }
        }
    }

    /// How this record, as a linked higher-instance record, bears on its first-instance record:
    /// an open second instance suspends the judgment, an open retrial does not.
    func ruling(instance: V1.Instance, filedOn: CivilDate) -> Ruling? {
        switch state {
        case .concluded: ownOn.map { .judgment(own, on: $0) }
        case .withdrawn: ownOn.map { .withdrawn(on: $0) }
        default: instance == .second ? .pending(since: filedOn) : nil
        }
    }

    /// Settles a first-instance record that stands on its own judgment by the latest ruling of
    /// its linked records (later records win ties).
    mutating func settle(by rulings: [Ruling]) {
        guard state == .concluded, !judgedWithinRecord,
            let latest = rulings.last(where: { ruling in
                rulings.allSatisfy { $0.day <= ruling.day }
            })
        else { return }
        switch latest {
        case .pending:
            state = .appealed
            final = .unspecified
        case .judgment(let outcome, _):
            final = outcome == .appealDismissed ? own : outcome
        case .withdrawn:
            final = own
        }
    }
}
