import Messages
import SharedDomain
import SyntheticCity
import Testing

/// The shape of the generated history: volumes, kinds, appeals, dates, dockets, incidents.
@Suite struct CaseMixTests {
    typealias V1 = Shuangjiang.Intake.V1
    let city = SharedCities.seedOne

    @Test func firstInstanceVolumeFallsEveryYear() {
        let volumes = SharedCities.years(city).map { year in
            city.cases.filter { $0.instance == .first && $0.filedOn.year == year }.count
        }
        #expect(volumes.first.map { abs($0 - city.parameters.casesPerYear) < 100 } == true, "\(volumes)")
        #expect(zip(volumes, volumes.dropFirst()).allSatisfy { $0 > $1 }, "\(volumes)")
    }

    @Test func aboutThirtyPercentOfFirstInstanceRecordsAreReconsideration() {
        let first = city.cases.filter { $0.instance == .first }
        let share = Double(first.filter { $0.kind == .reconsideration }.count) / Double(first.count)
        #expect(abs(share - city.parameters.reconsiderationShare) < 0.03, "\(share)")
    }

    @Test func aboutAThirdOfJudgmentsAreAppealedBothWays() {
        let judged = city.cases.filter {
            $0.isFirstInstanceLitigation
                && ($0.ownOutcome == .claimDismissed || $0.ownOutcome == .suitDismissed
                    || Outcome(rawValue: $0.ownOutcome.rawValue)?.isLoss == true)
        }
        let withinRecord = judged.filter { record in
            record.events.contains { if case .appealed = $0.event { true } else { false } }
        }
        let linked = Set(city.cases.filter { $0.instance == .second }.compactMap(\.relatedCaseIndex))
        let share = Double(withinRecord.count + linked.count) / Double(judged.count)
        #expect((0.2...0.45).contains(share), "\(share)")
        #expect(withinRecord.count > 50 && linked.count > withinRecord.count)
        #expect(city.cases.contains { $0.instance == .retrial })
    }

    @Test func higherInstanceRecordsContinueAnEarlierConcludedFirstInstance() {
        for record in city.cases where record.instance != .first {
            let first = city.cases[record.relatedCaseIndex!]
            #expect(first.index < record.index && first.isFirstInstanceLitigation)
            #expect(first.ownConcludedOn.map { $0 < record.filedOn } == true)
            #expect(record.template.docketNumber.contains(record.instance == .second ? "行终" : "行再"))
        }
    }

    @Test func docketNumbersAreUniquePerCourtAndYear() {
        let keys = city.cases.map { record in
            let docket = String(record.template.docketNumber.map { $0 == "（" ? "(" : $0 == "）" ? ")" : $0 })
            return "\(record.kind)|\(record.template.courtName)|\(docket)"
        }
        #expect(Set(keys).count == keys.count)
        let litigation = city.cases.filter { $0.kind == .litigation }.map(\.template.docketNumber)
        #expect(litigation.allSatisfy { $0.hasPrefix("(20") || $0.hasPrefix("（20") })
        #expect(
            city.cases.filter { $0.kind == .reconsideration }.allSatisfy { $0.template.docketNumber.contains("政复〔") })
    }

    @Test func nothingHappensAfterNowAndTheTimelineRunsForward() {
        #expect(zip(city.timeline, city.timeline.dropFirst()).allSatisfy { $0.at <= $1.at })
        #expect(city.timeline.allSatisfy { $0.at <= city.now })
        #expect(city.cases.allSatisfy { record in record.events.allSatisfy { $0.date <= city.today } })
        #expect(city.opinions.allSatisfy { opinion in opinion.milestones.allSatisfy { $0.occurredAt <= city.now } })
        let steps =
            city.cases.count + city.cases.map(\.events.count).reduce(0, +) + city.opinions.count
            + city.opinions.map(\.milestones.count).reduce(0, +) + city.regions.count + city.agencies.count
        #expect(city.timeline.count == steps)
    }

    @Test func theReformsShowInTheEvents() {
        func share(_ year: Int32, _ include: (SyntheticCase) -> Bool) -> Double {
            let filed = city.cases.filter { $0.isFirstInstanceLitigation && $0.filedOn.year == year }
            return Double(filed.filter(include).count) / Double(filed.count)
        }
        let years = SharedCities.years(city)
        let appearances = years.map { year in share(year) { $0.factors?.headAppeared == true } }
        let mediations = years.map { year in share(year) { $0.factors?.mediation != .unspecified } }
        #expect(zip(appearances, appearances.dropFirst()).allSatisfy { $0 < $1 }, "\(appearances)")
        #expect(zip(mediations, mediations.dropFirst()).allSatisfy { $0 < $1 }, "\(mediations)")
        #expect(city.cases.contains { $0.ownOutcome == .withdrawnAfterChange && $0.kind == .litigation })
        #expect(city.cases.contains { $0.state == .appealed } && city.cases.contains { $0.state == .inMediation })
    }

    @Test func opinionIncidentsCoverTheFiveRisksAndMostMilestonesAreOnTime() {
        let categories = Set(city.opinions.map(\.template.category))
        #expect(
            categories.isSuperset(of: [
                .riskMassInternetCrime, .riskAdversarialReading, .riskAuthorityChallenge, .riskSelfMedia,
                .riskGroupBypass,
            ]))
        let milestones = city.opinions.flatMap(\.milestones).filter { $0.kind != .closed && $0.kind != .mediaAttention }
        let late = milestones.filter(\.isLate).count
        #expect(late > 0 && late * 5 < milestones.count, "\(late) of \(milestones.count) late")
        #expect(city.opinions.contains { $0.template.mediaAttentionAt != nil }, "some reported late with their history")
        let related = city.opinions.compactMap(\.relatedCaseIndex)
        #expect(related.count > 30)
        #expect(related.allSatisfy { city.cases[$0].factors?.relatedOpinion == true })
    }
}
