internal import Messages
internal import SharedDomain

extension CityGenerator {
    /// First-instance litigation (行政诉讼一审). For each case, in filing order: mediation,
    /// the path (mediated, procedural, withdrawn or merits), hearings and the head's appearance,
    /// the end date, and the loss model's factors. Then, per year of conclusion, the intercept
    /// that makes the expected losses over everything concluded that year match the year's
    /// target rate; then each outcome, and the appeals that follow judgments.
    mutating func planLitigation() {
        var rng = stream(5)
        var drafts: [LitigationDraft] = []
        for index in records.indices where records[index].kind == .litigation {
            drafts.append(draftLitigation(index, rng: &rng))
        }
        let intercepts = calibrate(drafts)
        var appeals = stream(6)
        for var draft in drafts {
            let t = yearOffset(draft.end)
            draft.factors.intercept = intercepts[t] ?? 0
            let outcome = decide(&draft, yearOffset: t, rng: &rng)
            if outcome.isAppealable { planAppeal(of: draft.record, outcome: outcome, rng: &appeals) }
        }
    }

    private func draftLitigation(_ index: Int, rng: inout SeededRandom) -> LitigationDraft {
        let record = records[index]
        let agency = agencies[record.agency]
        let filed = record.filedOn
        let t = yearOffset(filed)
        var draft = LitigationDraft(record: index, end: filed)
        var cursor = filed
        var decided = false
        let mediationProne: Set<V1.CaseCategory> = [.expropriation, .agreement, .compensation, .indemnity]
        if rng.chance(ReformTrends.mediationShare(t) + (mediationProne.contains(record.category) ? 0.1 : 0)) {
            let channel: V1.MediationChannel = rng.weighted([(.peoples, 35), (.judicial, 40), (.administrative, 25)])
            let start = rng.workingDay(after: filed, 0...5)
            let end = rng.workingDay(after: start, 14...40)
            let result: V1.MediationResult = rng.weighted([(.resolved, 40), (.partiallyResolved, 15), (.failed, 45)])
            draft.mediation = (channel, start, end, result)
            draft.factors.mediation = result
            cursor = end
            if result == .resolved {
                draft.path = .mediated(byWithdrawal: rng.chance(0.4))
                draft.end = rng.workingDay(after: end, 0...10)
                decided = true
            }
        }
        if !decided {
            let roll = rng.unit()
            draft.path = roll < 0.12 ? .procedural : roll < 0.21 ? .withdrawn : .merits
            let hearingChance: Double
            switch draft.path {
            case .procedural: hearingChance = 0.3
            case .withdrawn: hearingChance = 0.4
            default: hearingChance = 1
            }
            if rng.chance(hearingChance) {
                let scheduled = rng.workingDay(after: cursor, 10...45)
                var held = rng.workingDay(after: scheduled, 14...40)
                draft.hearings = [(scheduled, held)]
                if rng.chance(0.06) {
                    let moved = rng.day(from: scheduled.plus(1), to: held.plus(-1)).nextWorkingDay
                    held = rng.workingDay(after: held, 7...30)
                    draft.hearings.append((min(moved, held), held))
                }
                draft.hearingMinute = rng.chance(0.6) ? 9 * 60 : 14 * 60 + 30
                cursor = held
                let governmentBonus = agency.agencyClass.isGovernment ? 0.1 : 0
                if rng.chance(ReformTrends.headAppearance(t) + governmentBonus) {
                    let head = rng.weighted([
                        (agency.heads[0], agency.agencyClass.isGovernment ? 10.0 : 15), (agency.heads[1], 35),
                        (agency.heads[2], 50),
                    ])
                    let spoke = rng.chance(ReformTrends.speakShare(t))
                    draft.appearance = (head, spoke, rng.evaluation(spoke: spoke))
                    draft.factors.headAppeared = true
                    draft.factors.headSpoke = spoke
                }
            }
            switch draft.path {
            case .procedural:
                draft.end =
                    draft.hearings.isEmpty
                    ? rng.workingDay(after: filed, 20...75) : rng.workingDay(after: cursor, 3...30)
                draft.end = max(draft.end, rng.workingDay(after: cursor, 5...20))
            case .withdrawn:
                draft.end =
                    draft.hearings.isEmpty
                    ? max(rng.workingDay(after: filed, 20...100), rng.workingDay(after: cursor, 5...20))
                    : rng.workingDay(after: cursor, 0...20)
            default:
                let extended = rng.chance(0.15)
                draft.end = rng.workingDay(after: cursor, extended ? 60...180 : 7...60)
            }
        }
        if case .merits = draft.path { draft.factors.decidedOnMerits = true }
        let relatedChance: Double
        switch record.category {
        case .expropriation: relatedChance = 0.065
        case .coerciveEnforcement: relatedChance = 0.045
        case .informationDisclosure: relatedChance = 0.035
        default: relatedChance = 0.015
        }
        draft.factors.relatedOpinion = rng.chance(relatedChance + (record.effectivePlaintiffs >= 5 ? 0.08 : 0))
        draft.factors.priorReconsiderationCorrection = corrections[record.agency].contains {
            $0.category == record.category && $0.day < filed && filed.days(since: $0.day) <= 365
        }
        draft.factors.plaintiffCount = record.effectivePlaintiffs
        draft.factors.legalPerson = record.plaintiffKind == .legalPerson
        draft.factors.categoryEffect = LossModel.categoryEffect(record.category, detail: record.detail)
        draft.factors.agencyClassEffect = agency.agencyClass.lossEffect
        draft.factors.regionEffect = regions[record.region].lossEffect
        draft.factors.agencyEffect = agency.lossEffect
        return draft
    }

    /// The would-be losses the agency heads off by correcting itself (ReformTrends.selfCorrection)
    /// mostly end in withdrawal; the rest are still judged illegal.
    private static let correctedThenWithdrawn = 0.85

    /// The loss intercept for each year of conclusion, solved for the effective (生效) loss rate:
    /// every first-instance case concluded that year is in the denominator, as the default
    /// formula (审结口径) has it; a merits case is lost with its probability, less the share
    /// diverted into withdrawal after a change and the agency's appeals that reverse, plus the
    /// plaintiffs' appeals that reverse a dismissed claim.
    private func calibrate(_ drafts: [LitigationDraft]) -> [Int: Double] {
        var offsets: [Int: [(offset: Double, weight: Double)]] = [:]
        var counts: [Int: Int] = [:]
        var constants: [Int: Double] = [:]
        for draft in drafts {
            let t = yearOffset(draft.end)
            counts[t, default: 0] += 1
            guard draft.factors.decidedOnMerits else { continue }
            let kept = 1 - Self.correctedThenWithdrawn * ReformTrends.selfCorrection(t)
            let decided = 1 - Self.appealWithdrawn
            let agencyReversal = ReformTrends.agencyAppeal(t) * decided * Self.agencyAppealReversal
            let plaintiffReversal = ReformTrends.plaintiffAppeal * decided * Self.plaintiffAppealReversal
            offsets[t, default: []].append((draft.factors.logOdds, kept * (1 - agencyReversal) - plaintiffReversal))
            constants[t, default: 0] += plaintiffReversal
        }
        var intercepts: [Int: Double] = [:]
        for (t, count) in counts {
            intercepts[t] = InterceptSolver.solve(
                offsets: offsets[t] ?? [], target: parameters.targetLossRate(yearOffset: t), denominator: count,
                constant: constants[t] ?? 0)
        }
        return intercepts
    }

    /// Draws the outcome and writes the case's events; returns the first-instance outcome.
    private mutating func decide(_ draft: inout LitigationDraft, yearOffset t: Int, rng: inout SeededRandom)
        -> V1.CaseOutcome
    {
        let record = records[draft.record]
        var sequence = EventSequence(filedOn: record.filedOn)
        if let mediation = draft.mediation {
            sequence.add(mediation.start) { CaseEventFactory.mediationStarted(mediation.channel, on: $0) }
            sequence.add(mediation.end) { CaseEventFactory.mediationConcluded(mediation.result, on: $0) }
        }
        let minute = draft.hearingMinute
        for hearing in draft.hearings {
            sequence.add(hearing.scheduled) { _ in
                CaseEventFactory.hearingScheduled(
                    at: hearing.held.at(hour: minute / 60, minute: minute % 60), court: record.court.name)
            }
        }
        if let appearance = draft.appearance, let held = draft.hearings.last?.held {
            sequence.add(held) {
                CaseEventFactory.headAppearance(
                    appearance.head, spoke: appearance.spoke, evaluation: appearance.evaluation, on: $0)
            }
        }
        let summary = CaseTexts.selfCorrection(record.category, detail: record.detail)
        let outcome: V1.CaseOutcome
        var end = draft.end
        switch draft.path {
        case .mediated(let byWithdrawal):
            outcome = byWithdrawal ? .withdrawn : .mediated
        case .procedural:
            outcome = OutcomeChoice.procedural(rng: &rng)
        case .withdrawn:
            outcome = .withdrawn
        case .merits:
            if rng.chance(draft.factors.lossProbability) {
                if rng.chance(ReformTrends.selfCorrection(t)) {
                    let corrected = rng.day(from: sequence.last, to: end.plus(-1))
                    sequence.add(corrected) { CaseEventFactory.selfCorrected(on: $0, summary: summary) }
                    outcome = rng.chance(Self.correctedThenWithdrawn) ? .withdrawnAfterChange : .confirmedIllegal
                } else {
                    outcome = OutcomeChoice.loss(for: record.category, rng: &rng)
                }
            } else {
                if rng.chance(0.03) {
                    let corrected = rng.day(from: sequence.last, to: end.plus(-1))
                    sequence.add(corrected) { CaseEventFactory.selfCorrected(on: $0, summary: summary) }
                }
                outcome = .claimDismissed
            }
        }
        switch outcome {
        case .withdrawn:
            end = sequence.add(end) { CaseEventFactory.withdrawn(on: $0, afterChange: false) }
        case .withdrawnAfterChange:
            end = sequence.add(end) { CaseEventFactory.withdrawn(on: $0, afterChange: true) }
        default:
            end = sequence.add(end) { CaseEventFactory.concluded(outcome, on: $0, instance: .first) }
        }
        records[draft.record].events = sequence.events
        records[draft.record].factors = draft.factors
        records[draft.record].eventualOwnOutcome = outcome
        records[draft.record].ownEnd = end
        records[draft.record].relatedOpinion = draft.factors.relatedOpinion
        return outcome
    }
}
