import Accountability
import ServiceKit
import SharedDomain
import Testing

/// The referral state machine alone: the next step only, each once, in time order, with a stale
/// expected step reported first.
@Suite struct ReferralProgressTests {
    static let opened = Instant(seconds: 1_700_000_000)

    /// A referral at `stage`, each step an hour after the previous.
    static func at(_ stage: ReferralStage) throws -> ReferralProgress {
        var progress = ReferralProgress(referredAt: opened)
        var time = opened
        for next in ReferralStage.allCases where next > .referred && next <= stage {
            time = time.adding(seconds: 3600)
            try progress.take(next, expected: progress.stage, at: time)
        }
        return progress
    }

    @Test func theFourStepsAreTakenInOrderEachOnce() throws {
        var progress = ReferralProgress(referredAt: Self.opened)
        #expect(progress.stage == .referred && !progress.isComplete)
        try progress.take(.investigating, expected: .referred, at: Self.opened.adding(seconds: 1))
        try progress.take(.opinionProposed, expected: .investigating, at: Self.opened.adding(seconds: 2))
        try progress.take(.decisionExecuted, expected: .opinionProposed, at: Self.opened.adding(seconds: 2))
        #expect(progress.stage == .decisionExecuted && progress.isComplete)
        #expect(progress.lastStepAt == Self.opened.adding(seconds: 2))
    }

    /// Every (current step, attempted step) pair other than "the next one" is refused: a skip or
    /// a repeat names the current step; once complete nothing follows.
    @Test(arguments: ReferralStage.allCases, ReferralStage.allCases)
    func everyStepButTheNextIsRefused(current: ReferralStage, attempted: ReferralStage) throws {
        var progress = try Self.at(current)
        let later = progress.lastStepAt.adding(seconds: 60)
        if current.next == attempted {
            try progress.take(attempted, expected: current, at: later)
            #expect(progress.stage == attempted)
            return
        }
        let before = progress
        let expectedError: ReferralTransitionError =
            current == .decisionExecuted ? .complete : .outOfOrder(current: current, attempted: attempted)
        #expect(throws: expectedError) { try progress.take(attempted, expected: current, at: later) }
        #expect(progress == before)
    }

    /// A caller who read the referral at another step is told so (ABORTED), whatever it sends.
    @Test(arguments: ReferralStage.allCases, ReferralStage.allCases)
    func aStaleExpectedStepIsReportedBeforeTheStepItself(current: ReferralStage, expected: ReferralStage) throws {
        guard current != expected else { return }
        var progress = try Self.at(current)
        for attempted in ReferralStage.allCases {
            #expect(throws: ReferralTransitionError.notAtExpectedStep(current: current, expected: expected)) {
                try progress.take(attempted, expected: expected, at: progress.lastStepAt.adding(seconds: 1))
            }
        }
        #expect(progress.stage == current)
    }

    @Test func aStepCannotBeDatedBeforeTheOneItFollows() throws {
        var progress = try Self.at(.investigating)
        let previous = progress.lastStepAt
        #expect(throws: ReferralTransitionError.beforePreviousStep(previous: previous)) {
            try progress.take(.opinionProposed, expected: .investigating, at: previous.adding(seconds: -1))
        }
        // The same instant is not before it.
        try progress.take(.opinionProposed, expected: .investigating, at: previous)
    }

    @Test func stagesNameTheProtoValuesAndKnowWhatFollows() {
        #expect(
            ReferralStage.allCases.map(\.description) == [
                "REFERRED", "INVESTIGATING", "OPINION_PROPOSED", "DECISION_EXECUTED",
            ])
        #expect(ReferralStage.referred.next == .investigating)
        #expect(ReferralStage.decisionExecuted.next == nil)
    }

    @Test func onlyAccountableLighterAndHeavierHoldAnyoneAccountable() {
        #expect(Disposition.allCases.filter(\.holdsAccountable) == [.accountable, .lighter, .heavier])
    }

    @Test func anEscalationOutcomeIsRecordedOnceFromPending() {
        #expect(EscalationStatus.pending.recording(.completed) == .completed)
        #expect(EscalationStatus.pending.recording(.cancelled) == .cancelled)
        #expect(EscalationStatus.pending.recording(.pending) == nil)
        for final in [EscalationStatus.completed, .cancelled] {
            for outcome in [EscalationStatus.pending, .completed, .cancelled] {
                #expect(final.recording(outcome) == nil)
            }
        }
    }

    @Test func repeatedLossesCountTheAgencysLossesWithinTheYearEndingOnThisOne() throws {
        let rule = RepeatedLossRule()
        let day = CivilDate(year: 2024, month: 6, day: 30)!
        #expect(rule.window(endingOn: day) == CivilDate(year: 2023, month: 7, day: 2)!...day)
        let losses: [(key: Int64, concludedOn: CivilDate)] = [
            (1, CivilDate(year: 2023, month: 7, day: 1)!),  // 366 days before: outside
            (2, CivilDate(year: 2023, month: 7, day: 2)!),  // 364 days before: inside
            (3, day),
            (4, CivilDate(year: 2024, month: 7, day: 1)!),  // after this loss: not counted for it
        ]
        #expect(rule.circumstance(endingOn: day, losses: losses)?.map(\.key) == [2, 3])
        #expect(rule.circumstance(endingOn: day, losses: [(3, day)]) == nil)
    }
}
