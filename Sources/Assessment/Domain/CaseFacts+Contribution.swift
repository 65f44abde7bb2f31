public import SharedDomain

extension CaseFacts {
    /// What the case adds to each day's counts: its filing on the filing date, its conclusion on
    /// the conclusion date. A changed case is applied as its new contribution minus its old one,
    /// so every period it counts in is revised and nothing is recomputed from scratch.
    public var contribution: [(day: CivilDate, counts: Counts)] {
        var filed = Counts()
        switch kind {
        case .litigation where isFirstInstance: filed[.litigationFiled] = 1
        case .reconsideration: filed[.reconsiderationFiled] = 1
        default: break
        }
        var entries: [(day: CivilDate, counts: Counts)] = []
        if !filed.isZero { entries.append((filedOn, filed)) }
        if let concludedOn, let concluded = concludedCounts, !concluded.isZero {
            if let index = entries.firstIndex(where: { $0.day == concludedOn }) {
                entries[index].counts += concluded
            } else {
                entries.append((concludedOn, concluded))
            }
        }
        return entries
    }

    private var concludedCounts: Counts? {
        guard concludedOn != nil, isFirstInstance else { return nil }
        var counts = Counts()
        switch kind {
        case .litigation:
            counts[.concluded] = 1
            if let outcome {
                if outcome.isLoss { counts[.losses] = 1 }
                if outcome.isMeritsJudgment { counts[.merits] = 1 }
                if outcome.isWithdrawalAfterChange { counts[.withdrawnAfterChange] = 1 }
                if outcome.isMediationOrWithdrawal { counts[.mediatedOrWithdrawn] = 1 }
            }
            if appealed { counts[.appealed] = 1 }
            if revised { counts[.revised] = 1 }
            // The speak rate is taken over the appearance rate's numerator, so both need the hearing.
            if hearingScheduled {
                counts[.hearingScheduled] = 1
                if headAppeared { counts[.appeared] = 1 }
                if headAppeared && headSpoke { counts[.spoke] = 1 }
            }
        case .reconsideration:
            counts[.reconsiderationConcluded] = 1
            let corrected = outcome?.isCorrection ?? false
            let withdrawn = outcome == .withdrawn || outcome == .withdrawnAfterChange
            if corrected { counts[.corrected] = 1 }
            if corrected || (selfCorrected && withdrawn) { counts[.comprehensivelyCorrected] = 1 }
        }
        return counts
    }
}
