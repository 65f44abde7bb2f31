internal import Messages
internal import SharedDomain

extension CityGenerator {
    /// Opinion incidents: `opinionsPerYear` about no case, plus one for every litigation case the
    /// loss model marked as having one (detected 1-12 days after filing, before any conclusion).
    /// Important and major incidents are reported up within the hour, mostly; once media
    /// attention begins the 6/12/24-hour milestones follow, mostly on time, less so for slow
    /// departments; one in ten incidents is reported late with the history it already has.
    mutating func planOpinions() {
        var rng = stream(7)
        for index in records.indices where records[index].relatedOpinion {
            let record = records[index]
            let day = record.filedOn.plus(rng.int(in: 1...12))
            let detected = day.at(hour: rng.int(in: 7...22), minute: rng.int(in: 0...59))
            let grouped = record.effectivePlaintiffs >= 5
            let category: V1.OpinionCategory =
                grouped
                ? .riskGroupBypass
                : rng.weighted([(.riskAdversarialReading, 40), (.riskSelfMedia, 35), (.riskAuthorityChallenge, 25)])
            let importance: V1.OpinionImportance = rng.weighted([
                (.ordinary, grouped ? 40 : 65), (.important, grouped ? 45 : 30), (.major, grouped ? 15 : 5),
            ])
            let summary = OpinionTexts.caseSummary(agency: agencies[record.agency].name, detail: record.detail)
            opinions.append(
                plan(
                    agency: record.agency, region: record.region, related: index, category: category,
                    importance: importance, summary: summary, detectedAt: detected, rng: &rng))
        }
        let weights = agencies.map { ($0.index, $0.opinionWeight) }
        for offset in 0..<parameters.years {
            let year = parameters.firstYear + Int32(offset)
            let first = CivilDate(year: year, month: 1, day: 1)!
            let span = min(CivilDate(year: year, month: 12, day: 31)!, today).days(since: first) + 1
            guard span > 0 else { break }
            let count = Int((Double(parameters.opinionsPerYear) * Double(span) / 365).rounded())
            for _ in 0..<count {
                let agency = agencies[rng.weighted(weights)]
                // Incidents break around the clock, most in waking hours.
                let hour = rng.chance(0.8) ? rng.int(in: 8...22) : rng.int(in: 0...23)
                let detected = first.plus(rng.below(span)).at(hour: hour, minute: rng.int(in: 0...59))
                let category = rng.weighted(Self.opinionCategories(for: agency))
                let importance: V1.OpinionImportance = rng.weighted([(.ordinary, 70), (.important, 24), (.major, 6)])
                let regionName = regions[agency.regionIndex].name
                let summary = OpinionTexts.summary(category, region: regionName, agency: agency.name, rng: &rng)
                opinions.append(
                    plan(
                        agency: agency.index, region: agency.regionIndex, related: nil, category: category,
                        importance: importance, summary: summary, detectedAt: detected, rng: &rng))
            }
        }
    }

    private static func opinionCategories(for agency: AgencyPlan) -> [(V1.OpinionCategory, Double)] {
        if agency.agencyClass.isGovernment {
            return [
                (.riskAuthorityChallenge, 25), (.riskGroupBypass, 25), (.riskAdversarialReading, 25),
                (.riskSelfMedia, 15),
                (.other, 10),
            ]
        }
        switch agency.type {
        case .publicSecurity:
            return [
                (.riskMassInternetCrime, 45), (.riskAuthorityChallenge, 15), (.riskSelfMedia, 20),
                (.riskAdversarialReading, 10), (.other, 10),
            ]
        case .housing:
            return [(.riskGroupBypass, 40), (.riskAdversarialReading, 20), (.riskSelfMedia, 20), (.other, 20)]
        case .marketRegulation:
            return [(.riskSelfMedia, 35), (.riskMassInternetCrime, 20), (.riskAdversarialReading, 25), (.other, 20)]
        default:
            return [
                (.riskAdversarialReading, 30), (.riskSelfMedia, 30), (.riskAuthorityChallenge, 10),
                (.riskGroupBypass, 10),
                (.riskMassInternetCrime, 5), (.other, 15),
            ]
        }
    }

    private func plan(
        agency: Int, region: Int, related: Int?, category: V1.OpinionCategory, importance: V1.OpinionImportance,
        summary: String, detectedAt: Instant, rng: inout SeededRandom
    ) -> OpinionPlan {
        let (source, slug) = rng.weighted(OpinionTexts.sources)
        var url = ""
        if rng.chance(0.6) { url = "https://synthetic.invalid/\(slug)/\(String(rng.next() >> 16, radix: 16))" }
        // A case-related incident is reported promptly, so it is on record before the case ends.
        let lateReport = related == nil && rng.chance(0.1)
        let planned =
            lateReport
            ? detectedAt.plus(hours: rng.double(in: 2...72)) : detectedAt.plus(minutes: rng.double(in: 2...40))
        let reportedAt = max(min(planned, now.adding(seconds: -600)), detectedAt)
        let t = yearOffset(detectedAt.cityDate)
        let onTime = 1 - (1 - ReformTrends.milestoneOnTime(t)) * agencies[agency].lateness
        var milestones: [PlannedMilestone] = []
        func add(_ kind: V1.MilestoneKind, _ at: Instant, late: Bool) {
            milestones.append(
                PlannedMilestone(
                    kind: kind, occurredAt: at, note: rng.chance(0.8) ? OpinionTexts.note(kind) : "", isLate: late))
        }
        let mustReport = importance == .important || importance == .major
        if (mustReport || rng.chance(0.15)) && !rng.chance(0.03) {
            let prompt = rng.chance(onTime)
            let delay = prompt ? rng.double(in: 5...58) : 61 + rng.double(in: 0...420)
            add(.reportedUp, detectedAt.plus(minutes: delay), late: mustReport && !prompt)
        }
        var mediaAtReport: Instant?
        let mediaChance: Double
        switch importance {
        case .major: mediaChance = 0.9
        case .important: mediaChance = 0.6
        default: mediaChance = 0.3
        }
        if rng.chance(mediaChance) {
            let media = detectedAt.plus(hours: rng.double(in: 0.5...36))
            if lateReport && media <= reportedAt {
                mediaAtReport = media
            } else {
                add(.mediaAttention, media, late: false)
            }
            let clocks: [(V1.MilestoneKind, ClosedRange<Double>, Double, ClosedRange<Double>, Double)] = [
                (.firstStatement, 0.5...5.9, 6, 0.1...18, 0.03),
                (.inquiriesAccepted, 1...11.8, 12, 0.2...24, 0.03),
                (.formalResponse, 6...23.8, 24, 0.5...48, 0.04),
            ]
            for (kind, prompt, allowed, overrun, missing) in clocks where !rng.chance(missing) {
                let inTime = rng.chance(onTime)
                let hours = inTime ? rng.double(in: prompt) : allowed + rng.double(in: overrun)
                add(kind, media.plus(hours: hours), late: !inTime)
            }
        }
        let lastActivity = milestones.map(\.occurredAt).max() ?? detectedAt
        add(.closed, max(lastActivity, reportedAt).plus(hours: rng.double(in: 24...360)), late: false)
        milestones.sort { $0.occurredAt < $1.occurredAt }
        return OpinionPlan(
            sequence: opinions.count, agency: agency, region: region, relatedRecord: related, category: category,
            importance: importance, source: source, sourceURL: url, summary: summary, detectedAt: detectedAt,
            reportedAt: reportedAt, mediaAttentionAtReport: mediaAtReport, milestones: milestones)
    }
}
