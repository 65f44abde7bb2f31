internal import Messages
internal import SharedDomain

extension CityGenerator {
    /// Reconsideration (行政复议): a few mediated, not accepted or withdrawn; the rest decided,
    /// corrected (纠错) with a probability from the same category, class and agency effects as
    /// litigation (scaled by LossModel.reconsiderationScale) around a yearly level calibrated to
    /// ReformTrends.reconsiderationCorrection. A quarter of would-be corrections are headed off by
    /// the agency correcting itself, after which the applicant withdraws.
    mutating func planReconsideration() {
        var rng = stream(4)
        var drafts: [ReconsiderationDraft] = []
        for index in records.indices where records[index].kind == .reconsideration {
            drafts.append(draftReconsideration(index, rng: &rng))
        }
        let intercepts = calibrate(drafts)
        for draft in drafts {
            let record = records[draft.record]
            let t = yearOffset(draft.end)
            var sequence = EventSequence(filedOn: record.filedOn)
            if let mediation = draft.mediation {
                sequence.add(mediation.start) { CaseEventFactory.mediationStarted(.administrative, on: $0) }
                sequence.add(mediation.end) { CaseEventFactory.mediationConcluded(mediation.result, on: $0) }
            }
            if let hearing = draft.hearing {
                let court = record.court.name
                sequence.add(hearing.scheduled) { _ in
                    CaseEventFactory.hearingScheduled(at: hearing.held.at(hour: 9, minute: 30), court: court)
                }
            }
            var outcome: V1.CaseOutcome
            switch draft.path {
            case .mediated(let byWithdrawal):
                outcome = byWithdrawal ? .withdrawn : .mediated
            case .notAccepted:
                outcome = .notAccepted
            case .withdrawn:
                outcome = .withdrawn
            case .merits:
                let intercept = intercepts[t] ?? 0
                if rng.chance(PortableMath.logistic(intercept + draft.offset)) {
                    outcome =
                        rng.chance(Self.reconsiderationSelfCorrection)
                        ? .withdrawnAfterChange : OutcomeChoice.correction(rng: &rng)
                } else {
                    outcome = rng.chance(0.85) ? .upheld : .rejected
                }
            }
            var end = draft.end
            switch outcome {
            case .withdrawn:
                end = sequence.add(end) { CaseEventFactory.withdrawn(on: $0, afterChange: false) }
            case .withdrawnAfterChange:
                let corrected = rng.day(from: max(sequence.last, record.filedOn.plus(10)), to: end.plus(-3))
                let summary = CaseTexts.selfCorrection(record.category, detail: record.detail)
                sequence.add(corrected) { CaseEventFactory.selfCorrected(on: $0, summary: summary) }
                end = sequence.add(end) { CaseEventFactory.withdrawn(on: $0, afterChange: true) }
            default:
                end = sequence.add(end) { CaseEventFactory.concluded(outcome, on: $0, instance: .first) }
            }
            if Outcome(rawValue: outcome.rawValue)?.isCorrection == true {
                corrections[record.agency].append((end, record.category))
            }
            records[draft.record].events = sequence.events
            records[draft.record].eventualOwnOutcome = outcome
            records[draft.record].ownEnd = end
        }
    }

    static let reconsiderationSelfCorrection = 0.25

    private func draftReconsideration(_ index: Int, rng: inout SeededRandom) -> ReconsiderationDraft {
        let record = records[index]
        let filed = record.filedOn
        var draft = ReconsiderationDraft(record: index, end: filed)
        var cursor = filed
        var decided = false
        if rng.chance(0.08) {
            let start = rng.workingDay(after: filed, 0...5)
            let end = rng.workingDay(after: start, 10...30)
            let result: V1.MediationResult = rng.weighted([(.resolved, 0.5), (.partiallyResolved, 0.2), (.failed, 0.3)])
            draft.mediation = (start, end, result)
            cursor = end
            if result == .resolved {
                draft.path = .mediated(byWithdrawal: rng.chance(0.4))
                draft.end = rng.workingDay(after: end, 0...7)
                decided = true
            }
        }
        if !decided {
            let roll = rng.unit()
            if roll < 0.05 {
                draft.path = .notAccepted
                draft.end = max(cursor, rng.workingDay(after: filed, 5...15))
            } else if roll < 0.12 {
                draft.path = .withdrawn
                draft.end = rng.workingDay(after: cursor, 10...50)
            } else {
                draft.path = .merits
                if rng.chance(0.15) {
                    let scheduled = rng.workingDay(after: cursor, 10...25)
                    let held = rng.workingDay(after: scheduled, 7...20)
                    draft.hearing = (scheduled, held)
                    cursor = held
                }
                draft.end = max(rng.workingDay(after: filed, 25...85), rng.workingDay(after: cursor, 3...20))
            }
        }
        let agency = agencies[record.agency]
        draft.offset =
            LossModel.reconsiderationScale
            * (LossModel.categoryEffect(record.category, detail: record.detail) + agency.agencyClass.lossEffect)
            + agency.lossEffect + 0.5 * regions[record.region].lossEffect
        return draft
    }

    /// The correction intercept for each year of decision (dictionary order never feeds a draw).
    private func calibrate(_ drafts: [ReconsiderationDraft]) -> [Int: Double] {
        var offsets: [Int: [(offset: Double, weight: Double)]] = [:]
        var counts: [Int: Int] = [:]
        for draft in drafts {
            let t = yearOffset(draft.end)
            counts[t, default: 0] += 1
            if case .merits = draft.path {
                offsets[t, default: []].append((draft.offset, 1 - Self.reconsiderationSelfCorrection))
            }
        }
        var intercepts: [Int: Double] = [:]
        for (t, count) in counts {
            intercepts[t] = InterceptSolver.solve(
                offsets: offsets[t] ?? [], target: ReformTrends.reconsiderationCorrection(t), denominator: count)
        }
        return intercepts
    }
}
