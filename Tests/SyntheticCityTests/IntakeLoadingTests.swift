import Messages
import SharedDomain
import SyntheticCity
import Testing

/// The generated history through the real intake service: every request passes intake's own
/// validation and life-cycle rules, and intake derives what the generator says it will.
@Suite struct IntakeLoadingTests {
    typealias V1 = Shuangjiang.Intake.V1

    @Test func aSmallCityLoadsIntoIntakeWithoutARejectionAndIntakeDerivesWhatTheGeneratorSays() async throws {
        let city = SyntheticCity(.small(seed: 7))
        var intake = try await IntakeReplay.start(at: city.now)
        await intake.replay(city)
        #expect(intake.rejections.isEmpty, "\(intake.rejections.prefix(5))")
        let disagreements = try await disagreements(of: city, with: intake)
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
        #expect(try await intake.missedOpinionCount() == city.opinions.filter(\.hasMissedDeadline).count)
        #expect(city.cases.contains { $0.relatedCaseIndex != nil }, "the small city has linked records")
        #expect(await intake.stop())
    }

    @Test func aSmallCityImportsThroughImportCasesWithoutARejection() async throws {
        let city = SyntheticCity(.small(seed: 8))
        var intake = try await IntakeReplay.start(at: city.now)
        try await intake.importCases(of: city)
        #expect(intake.rejections.isEmpty, "\(intake.rejections.prefix(5))")
        let disagreements = try await disagreements(of: city, with: intake)
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
        #expect(await intake.stop())
    }

    /// Cases whose state, own outcome, effective outcome or loss intake derives differently
    /// from the generator's bookkeeping (and cases intake does not hold).
    private func disagreements(of city: SyntheticCity, with intake: IntakeReplay) async throws -> [String] {
        let stored = try await intake.allCases()
        var disagreements: [String] = []
        if stored.count != city.cases.count { disagreements.append("\(stored.count) cases stored") }
        for record in city.cases {
            guard let id = intake.ids[.caseRecord(record.index)], let held = stored[id] else {
                disagreements.append("case \(record.index) missing")
                continue
            }
            let expected = (record.state, record.ownOutcome, record.finalOutcome, record.isLoss)
            let actual = (held.state, held.firstInstanceOutcome, held.finalOutcome, held.isLoss)
            if expected != actual { disagreements.append("case \(record.index): \(expected) but intake \(actual)") }
        }
        return disagreements
    }
}
