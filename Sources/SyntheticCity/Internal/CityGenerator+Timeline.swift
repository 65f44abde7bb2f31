internal import Messages
internal import SharedDomain

extension CityGenerator {
    /// Incidents detected by `now`, in order of detection, with the milestones that happened by
    /// then. Each milestone is recorded when it happens, or right after the report when the
    /// incident was reported late.
    func renderOpinions(prefix: String, position: [Int]) -> [SyntheticOpinion] {
        // An incident detected in the last hour before `now` is not on record yet; the others are
        // reported by ten minutes before it (see `plan`), so the whole history lies before `now`.
        let cutoff = now.adding(seconds: -3600)
        let shown = opinions.filter { $0.detectedAt <= cutoff }.sorted {
            ($0.detectedAt, $0.sequence) < ($1.detectedAt, $1.sequence)
        }
        return shown.enumerated().map { index, plan in
            let reportedAt = plan.reportedAt
            var request = V1.ReportOpinionRequest()
            request.requestId = "\(prefix)-opinion-\(index)"
            request.category = plan.category
            request.source = plan.source
            request.sourceUrl = plan.sourceURL
            request.detectedAt = plan.detectedAt.timestamp
            request.importance = plan.importance
            request.summary = plan.summary
            request.mediaAttentionAt = plan.mediaAttentionAtReport?.timestamp
            var milestones: [SyntheticMilestone] = []
            for planned in plan.milestones where planned.occurredAt <= now {
                let ordinal = milestones.count
                milestones.append(
                    SyntheticMilestone(
                        ordinal: ordinal, kind: planned.kind, occurredAt: planned.occurredAt,
                        at: max(planned.occurredAt, reportedAt.adding(seconds: Int64(ordinal + 1))),
                        requestId: "\(prefix)-opinion-\(index)-milestone-\(ordinal)", note: planned.note,
                        isLate: planned.isLate))
            }
            return SyntheticOpinion(
                index: index, agencyIndex: plan.agency, regionIndex: plan.region,
                relatedCaseIndex: plan.relatedRecord.map { position[$0] }, template: request, reportedAt: reportedAt,
                milestones: milestones,
                hasMissedDeadline: missesDeadline(plan, milestones: milestones))
        }
    }

    /// The deadline rules of DESIGN.md ("Opinion incidents") as of `now`: report-up 1 h from
    /// detection for important and major incidents; 6, 12 and 24 h from media attention.
    private func missesDeadline(_ plan: OpinionPlan, milestones: [SyntheticMilestone]) -> Bool {
        func met(_ kind: V1.MilestoneKind) -> Instant? { milestones.first { $0.kind == kind }?.occurredAt }
        var clocks: [(V1.MilestoneKind, Instant)] = []
        if plan.importance == .important || plan.importance == .major {
            clocks.append((.reportedUp, plan.detectedAt.adding(seconds: 3600)))
        }
        if let media = plan.mediaAttentionAtReport ?? met(.mediaAttention) {
            clocks.append((.firstStatement, media.adding(seconds: 6 * 3600)))
            clocks.append((.inquiriesAccepted, media.adding(seconds: 12 * 3600)))
            clocks.append((.formalResponse, media.adding(seconds: 24 * 3600)))
        }
        return clocks.contains { kind, due in
            if let at = met(kind) { return at > due }
            return now > due
        }
    }

    /// Every request at the moment it would have been sent. Regions and agencies come first, on
    /// the first day; the rest in time order, ties kept in the order listed here.
    func timeline(agencies: Int, regions: Int, cases: [SyntheticCase], opinions: [SyntheticOpinion])
        -> [TimelineStep]
    {
        let start = CivilDate(year: parameters.firstYear, month: 1, day: 1)!.at(hour: 0)
        var steps: [(step: TimelineStep, order: Int)] = []
        func add(_ at: Instant, _ action: TimelineAction) {
            steps.append((TimelineStep(at: at, action: action), steps.count))
        }
        for index in 0..<regions { add(start.adding(seconds: Int64(index)), .createRegion(index)) }
        for index in 0..<agencies { add(start.adding(seconds: Int64(60 + index)), .createAgency(index)) }
        for record in cases {
            add(record.filedAt, .fileCase(record.index))
            for event in record.events { add(event.at, .recordCaseEvent(case: record.index, event: event.ordinal)) }
        }
        for opinion in opinions {
            add(opinion.reportedAt, .reportOpinion(opinion.index))
            for milestone in opinion.milestones {
                add(milestone.at, .recordOpinionMilestone(opinion: opinion.index, milestone: milestone.ordinal))
            }
        }
        steps.sort { ($0.step.at, $0.order) < ($1.step.at, $1.order) }
        return steps.map(\.step)
    }
}
