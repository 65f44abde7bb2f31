internal import Messages
internal import SharedDomain

extension CityGenerator {
    /// Appeals (上诉) against first-instance judgments: plaintiffs appeal their losses more often
    /// than agencies theirs, and agencies less each year (服判息诉). Three in ten appeals are
    /// tracked on the first-instance record (Appealed, then a second-instance conclusion); the
    /// rest as a separate second-instance record (行终) linked to it, and a few of those are
    /// retried (行再). Second instance mostly dismisses the appeal; it reverses agencies' losses
    /// more often than plaintiffs'.
    mutating func planAppeal(of index: Int, outcome: V1.CaseOutcome, rng: inout SeededRandom) {
        guard let end = records[index].ownEnd else { return }
        let t = yearOffset(end)
        let agencyLost = outcome.isLoss
        guard rng.chance(agencyLost ? ReformTrends.agencyAppeal(t) : ReformTrends.plaintiffAppeal) else { return }
        let partial: Set<V1.CaseOutcome> = [.partiallyRevoked, .varied]
        let appellant: V1.Appellant =
            agencyLost ? (partial.contains(outcome) && rng.chance(0.3) ? .both : .agency) : .plaintiff
        let appealedOn = rng.workingDay(after: end, outcome == .suitDismissed ? 3...10 : 3...15)
        let reversal =
            outcome == .suitDismissed ? 0 : agencyLost ? Self.agencyAppealReversal : Self.plaintiffAppealReversal
        let withdrawn = rng.chance(Self.appealWithdrawn)
        let reversed = !withdrawn && rng.chance(reversal)
        let higherOutcome: V1.CaseOutcome =
            withdrawn ? .withdrawn : reversed ? flipped(outcome, index: index, rng: &rng) : .appealDismissed
        let record = records[index]
        let higher = record.court.higher
        if rng.chance(0.3) {
            var sequence = EventSequence(filedOn: end)
            sequence.add(appealedOn) { CaseEventFactory.appealed(on: $0, by: appellant, to: higher) }
            appendHigherInstance(
                to: &sequence, from: appealedOn, court: higher, agency: record.agency, instance: .second,
                outcome: higherOutcome, rng: &rng)
            records[index].events += sequence.events
            return
        }
        let filedOn = rng.workingDay(after: appealedOn, 15...40)
        let second = addHigherRecord(continuing: index, instance: .second, court: higher, filedOn: filedOn)
        var sequence = EventSequence(filedOn: filedOn)
        let decided = appendHigherInstance(
            to: &sequence, from: filedOn, court: higher, agency: record.agency, instance: .second,
            outcome: higherOutcome, rng: &rng)
        records[second].events = sequence.events
        records[second].eventualOwnOutcome = higherOutcome
        records[second].ownEnd = decided
        guard !withdrawn, outcome != .suitDismissed, rng.chance(0.04) else { return }
        // A retrial (再审) of the effective judgment, usually upholding it.
        let effective = reversed ? higherOutcome : outcome
        let retrialOutcome = rng.chance(0.3) ? flipped(effective, index: index, rng: &rng) : effective
        let retrialFiled = rng.workingDay(after: decided, 120...300)
        let retrial = addHigherRecord(continuing: index, instance: .retrial, court: .high, filedOn: retrialFiled)
        var retrialSequence = EventSequence(filedOn: retrialFiled)
        let retried = appendHigherInstance(
            to: &retrialSequence, from: retrialFiled, court: .high, agency: record.agency, instance: .retrial,
            outcome: retrialOutcome, rng: &rng)
        records[retrial].events = retrialSequence.events
        records[retrial].eventualOwnOutcome = retrialOutcome
        records[retrial].ownEnd = retried
    }

    static let appealWithdrawn = 0.06
    /// Second instance reverses an agency's loss more readily than a plaintiff's.
    static let agencyAppealReversal = 0.12
    static let plaintiffAppealReversal = 0.04

    /// A loss becomes a dismissed claim; a dismissed claim becomes the category's loss.
    private func flipped(_ outcome: V1.CaseOutcome, index: Int, rng: inout SeededRandom) -> V1.CaseOutcome {
        outcome.isLoss ? .claimDismissed : OutcomeChoice.loss(for: records[index].category, rng: &rng)
    }

    private mutating func addHigherRecord(
        continuing index: Int, instance: V1.Instance, court: Court, filedOn: CivilDate
    ) -> Int {
        let first = records[index]
        var record = RecordPlan(
            sequence: records.count, kind: .litigation, instance: instance, agency: first.agency, region: first.region,
            category: first.category, detail: first.detail, plaintiffKind: first.plaintiffKind,
            plaintiffCount: first.plaintiffCount, filedOn: filedOn, court: court)
        record.related = index
        records.append(record)
        return records.count - 1
    }

    /// A higher instance's steps from `start`: sometimes a hearing (second instance is often
    /// decided on the papers), a head's appearance at it, then the decision or the withdrawn
    /// appeal. Returns the day it ends.
    @discardableResult
    private func appendHigherInstance(
        to sequence: inout EventSequence, from start: CivilDate, court: Court, agency: Int, instance: V1.Instance,
        outcome: V1.CaseOutcome, rng: inout SeededRandom
    ) -> CivilDate {
        var cursor = start
        if rng.chance(instance == .retrial ? 0.6 : 0.5) {
            let scheduled = rng.workingDay(after: start, 7...30)
            let held = rng.workingDay(after: scheduled, 10...30)
            sequence.add(scheduled) { _ in
                CaseEventFactory.hearingScheduled(at: held.at(hour: 9, minute: 30), court: court.name)
            }
            cursor = held
            if rng.chance(ReformTrends.headAppearance(yearOffset(held)) * 0.5) {
                let head = agencies[agency].heads[rng.chance(0.7) ? 2 : 1]
                let spoke = rng.chance(ReformTrends.speakShare(yearOffset(held)))
                let evaluation = rng.evaluation(spoke: spoke)
                sequence.add(held) {
                    CaseEventFactory.headAppearance(head, spoke: spoke, evaluation: evaluation, on: $0)
                }
            }
        }
        let decided = max(
            rng.workingDay(after: start, instance == .retrial ? 60...180 : 30...100),
            rng.workingDay(after: cursor, 5...30))
        if outcome == .withdrawn {
            return sequence.add(decided) { CaseEventFactory.withdrawn(on: $0, afterChange: false) }
        }
        return sequence.add(decided) { CaseEventFactory.concluded(outcome, on: $0, instance: instance) }
    }
}
