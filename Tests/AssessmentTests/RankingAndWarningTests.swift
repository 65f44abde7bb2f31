import Assessment
import GRPCCore
import Messages
import SharedDomain
import Stubs
import Testing

/// RankUnits (考核排名) and ListWarnings (三色预警) over small hand-computed 2022 Q1 histories.
@Suite struct RankingAndWarningTests {
    typealias Intake = Shuangjiang.Intake.V1
    typealias V1 = Shuangjiang.Assessment.V1

    // MARK: Rankings

    /// 2022 Q1, every case filed in the quarter:
    ///
    ///     region    losses/concluded  open  volume
    ///     宿城区    1/10 (人民政府 1/5, 公安局 0/5)   10
    ///     宿豫区    1/5                 5
    ///     沭阳县    2/10                10
    ///     泗阳县    3/10                10
    ///     泗洪县    0/2                 2     (thin)
    ///     洋河新区  0/0         1       1     (nothing concluded)
    struct RankingUnits {
        let regions: [String: Intake.Region]
        let sucheng: (government: Intake.Agency, police: Intake.Agency)
    }

    static func rankingHistory(_ harness: AssessmentHarness) async throws -> RankingUnits {
        var regions: [String: Intake.Region] = [:]
        var cases: [AssessmentHarness.Concluded] = []
        var open: [AssessmentHarness.Row] = []
        let table: [(String, String, Int, Int)] = [
            ("宿豫区", "321311", 1, 5), ("沭阳县", "321322", 2, 10), ("泗阳县", "321323", 3, 10), ("泗洪县", "321324", 0, 2),
            ("洋河新区", "321390", 0, 0),
        ]
        let sucheng = try await harness.region("宿城区", code: "321302")
        regions["宿城区"] = sucheng
        let government = try await harness.agency("宿城区人民政府", in: sucheng)
        let police = try await harness.agency("宿城区公安局", in: sucheng)
        cases += harness.cases(government, losses: 1, of: 5, filed: .on(2022, 1, 5), concluded: .on(2022, 3, 1))
        cases += harness.cases(police, losses: 0, of: 5, filed: .on(2022, 1, 5), concluded: .on(2022, 3, 1))
        for (name, code, losses, total) in table {
            let region = try await harness.region(name, code: code)
            regions[name] = region
            let agency = try await harness.agency("\(name)人民政府", in: region)
            cases += harness.cases(
                agency, losses: losses, of: total, filed: .on(2022, 1, 6), concluded: .on(2022, 2, 20))
            if total == 0 { open.append(.init(agency: agency, filedOn: .on(2022, 2, 2))) }
        }
        try await harness.importConcluded(cases)
        try await harness.importRows(open)
        try await harness.sync()
        return RankingUnits(regions: regions, sucheng: (government, police))
    }

    static func rank(
        _ harness: AssessmentHarness, _ kind: Shuangjiang.Common.V1.UnitKind, _ indicator: V1.Indicator,
        order: Shuangjiang.Common.V1.SortOrder = .unspecified, minDenominator: Int64 = 0, region: String = ""
    ) async throws -> V1.RankUnitsResponse {
        var request = V1.RankUnitsRequest()
        request.unitKind = kind
        request.indicator = indicator
        request.period = Request.quarter(2022, 1)
        request.order = order
        request.minDenominator = minDenominator
        request.regionId = region
        return try await harness.assessment.rankUnits(request)
    }

    /// "name rank value" for each entry, in order.
    static func lines(_ response: V1.RankUnitsResponse) -> [String] {
        response.entries.map { entry in
            switch entry.measure {
            case .rate(let rate): "\(entry.unitName) \(entry.rank) \(rate.ratio)"
            case .count(let count): "\(entry.unitName) \(entry.rank) #\(count)"
            case nil: "\(entry.unitName) \(entry.rank) -"
            }
        }
    }

    @Test func regionsAreRankedWithSharedRanksAndThinUnitsListedUnrankedAfterTheRanked() async throws {
        let harness = try await AssessmentHarness()
        _ = try await Self.rankingHistory(harness)

        // Lowest loss rate first by default; 20 % twice shares rank 2 and the next is 4.
        let thin = try await Self.rank(harness, .region, .lossRate, minDenominator: 5)
        #expect(thin.order == .ascending && thin.indicator == .lossRate)
        #expect(thin.entries.map(\.rank) == [1, 2, 2, 4, 0, 0])
        #expect(Set(Self.lines(thin).prefix(4)) == ["宿城区 1 1/10", "宿豫区 2 1/5", "沭阳县 2 2/10", "泗阳县 4 3/10"])
        #expect(Set(Self.lines(thin).suffix(2)) == ["泗洪县 0 0/2", "洋河新区 0 0/0"])
        if case .rate(let rate) = thin.entries.first?.measure {
            #expect(rate.formula == "loss_rate.concluded")
        } else {
            Issue.record("not a rate")
        }
        #expect(thin.period?.firstDay?.month == 1 && thin.period?.lastDay?.month == 3)

        // Without a minimum only the unit with nothing concluded is unranked.
        let all = try await Self.rank(harness, .region, .lossRate)
        #expect(all.entries.map(\.rank) == [1, 2, 3, 3, 5, 0])
        #expect(Self.lines(all).first == "泗洪县 1 0/2" && Self.lines(all).last == "洋河新区 0 0/0")

        let descending = try await Self.rank(harness, .region, .lossRate, order: .descending, minDenominator: 5)
        #expect(descending.order == .descending)
        #expect(descending.entries.map(\.rank) == [1, 2, 2, 4, 0, 0])
        #expect(Self.lines(descending).first == "泗阳县 1 3/10" && Self.lines(descending)[3] == "宿城区 4 1/10")
        await harness.stop()
    }

    @Test func countIndicatorsAreRankedOnCountsAndNeverLeftUnranked() async throws {
        let harness = try await AssessmentHarness()
        _ = try await Self.rankingHistory(harness)
        let volume = try await Self.rank(harness, .region, .caseVolume, minDenominator: 5)
        #expect(volume.order == .ascending)
        #expect(Self.lines(volume).prefix(3) == ["洋河新区 1 #1", "泗洪县 2 #2", "宿豫区 3 #5"])
        #expect(Set(Self.lines(volume).suffix(3)) == ["宿城区 4 #10", "沭阳县 4 #10", "泗阳县 4 #10"])
        let withdrawals = try await Self.rank(harness, .region, .withdrawnAfterChangeCount)
        #expect(withdrawals.entries.allSatisfy { $0.rank == 1 && $0.measure == .count(0) })
        // The appearance rate is best when high; with no hearing anywhere nothing is ranked.
        let appearance = try await Self.rank(harness, .region, .appearanceRate)
        #expect(appearance.order == .descending && appearance.entries.allSatisfy { $0.rank == 0 })
        await harness.stop()
    }

    @Test func agenciesAreRankedWithinARegionOnRequest() async throws {
        let harness = try await AssessmentHarness()
        let units = try await Self.rankingHistory(harness)
        let sucheng = try #require(units.regions["宿城区"])
        let inRegion = try await Self.rank(harness, .agency, .lossRate, region: sucheng.id)
        #expect(Self.lines(inRegion) == ["宿城区公安局 1 0/5", "宿城区人民政府 2 1/5"])
        #expect(
            inRegion.entries.map { $0.unit?.unit } == [
                .agencyId(units.sucheng.police.id), .agencyId(units.sucheng.government.id),
            ])
        let everywhere = try await Self.rank(harness, .agency, .lossRate, minDenominator: 5)
        #expect(everywhere.entries.count == 7)
        // 0/5; three at 1/5 and 2/10; 3/10; then 0/2 and 0/0 unranked.
        #expect(everywhere.entries.map(\.rank) == [1, 2, 2, 2, 5, 0, 0])

        let refused = await #expect(throws: RPCError.self) {
            try await Self.rank(harness, .region, .lossRate, region: sucheng.id)
        }
        #expect(refused?.code == .invalidArgument)
        let unknown = await #expect(throws: RPCError.self) {
            try await Self.rank(harness, .agency, .lossRate, region: "region-999")
        }
        #expect(unknown?.code == .notFound)
        await harness.stop()
    }

    // MARK: Warnings

    /// 2022 Q1, one county-level agency per region plus a city-level one:
    ///
    ///     region           losses/concluded  rate   level
    ///     沭阳县           3/20              15 %   RED: over 10 %, over median + 5, over the city
    ///     泗阳县           3/30              10 %   RED: not over 10 %, but over 4 % + 5; over the city
    ///     洋河新区         3/50               6 %   YELLOW: over the city's 10/190 = 5.26 %
    ///     宿城区           1/50               2 %   GREEN
    ///     泗洪县           0/20               0 %   GREEN
    ///     宿豫区           0/10               0 %   GREEN
    ///     苏宿工业园区     (one open case)     —    GREEN
    ///     市公安局 (city)  0/10               0 %   GREEN, its own peer group
    ///
    /// Regions' median: of 0, 0, 2, 6, 10, 15 (the one with nothing concluded has no rate) = 4 %.
    static let warningTable: [(String, String, Int, Int)] = [
        ("沭阳县", "321322", 3, 20), ("泗阳县", "321323", 3, 30), ("洋河新区", "321390", 3, 50), ("宿城区", "321302", 1, 50),
        ("泗洪县", "321324", 0, 20), ("宿豫区", "321311", 0, 10), ("苏宿工业园区", "321391", 0, 0),
    ]

    static func warningHistory(_ harness: AssessmentHarness) async throws -> [String: Intake.Region] {
        var regions: [String: Intake.Region] = [:]
        var cases: [AssessmentHarness.Concluded] = []
        var open: [AssessmentHarness.Row] = []
        for (name, code, losses, total) in warningTable {
            let region = try await harness.region(name, code: code)
            regions[name] = region
            let agency = try await harness.agency("\(name)人民政府", in: region)
            cases += harness.cases(
                agency, losses: losses, of: total, filed: .on(2022, 1, 6), concluded: .on(2022, 3, 2))
            if total == 0 { open.append(.init(agency: agency, filedOn: .on(2022, 2, 2))) }
        }
        let police = try await harness.agency("市公安局", in: harness.city, level: .city)
        cases += harness.cases(police, losses: 0, of: 10, filed: .on(2022, 1, 6), concluded: .on(2022, 3, 2))
        try await harness.importConcluded(cases)
        try await harness.importRows(open)
        try await harness.sync()
        return regions
    }

    static func warnings(
        _ harness: AssessmentHarness, kind: Shuangjiang.Common.V1.UnitKind = .unspecified,
        level: Shuangjiang.Common.V1.WarningLevel = .unspecified, region: String = "", pageSize: Int32 = 100,
        token: String = ""
    ) async throws -> V1.ListWarningsResponse {
        var request = V1.ListWarningsRequest()
        request.period = Request.quarter(2022, 1)
        request.unitKind = kind
        request.level = level
        request.regionId = region
        request.pageSize = pageSize
        request.pageToken = token
        return try await harness.assessment.listWarnings(request)
    }

    @Test func redYellowAndGreenFollowTheLineThePeersMedianAndTheCityRate() async throws {
        let harness = try await AssessmentHarness()
        _ = try await Self.warningHistory(harness)
        let listed = try await Self.warnings(harness).warnings
        #expect(listed.count == 15)
        #expect(
            listed.prefix(6).map { "\($0.unitName) \($0.level)" } == [
                "沭阳县 red", "沭阳县人民政府 red", "泗阳县 red", "泗阳县人民政府 red", "洋河新区 yellow", "洋河新区人民政府 yellow",
            ])
        #expect(listed.dropFirst(6).allSatisfy { $0.level == .green && $0.triggers.isEmpty })
        #expect(listed.dropFirst(6).prefix(2).map(\.unitName) == ["宿城区", "宿城区人民政府"])

        let shuyang = listed[0]
        #expect(shuyang.lossRate.ratio == "3/20" && shuyang.cityLossRate.ratio == "10/190")
        #expect(shuyang.peerMedian == 0.04)
        #expect(shuyang.triggers.map(\.rule) == [.lossRateThreshold, .peerMedianMargin, .aboveCityRate])
        #expect(
            shuyang.triggers.map(\.explanation) == [
                "季度败诉率 15% 高于 10% 约谈线", "季度败诉率 15% 高于同类单位中位数 4% 逾 5%", "季度败诉率 15% 高于全市 5.26%",
            ])
        #expect(
            shuyang.triggers.map(\.threshold) == [
                Fraction(1, 10)!.value, Fraction(9, 100)!.value, Fraction(10, 190)!.value,
            ])
        // Exactly 10 % is not over the line: red only through the peers.
        let siyang = listed[2]
        #expect(siyang.triggers.map(\.rule) == [.peerMedianMargin, .aboveCityRate])
        #expect(siyang.triggers.first?.observed == 0.1)
        #expect(listed[4].triggers.map(\.rule) == [.aboveCityRate])
        // Alone at the city level, the city's agency is its own median.
        let police = try #require(listed.first { $0.unitName == "市公安局" })
        #expect(police.level == .green && police.peerMedian == 0)

        // Judging the quarter raised the same reds as alerts.
        var alerts = V1.ListAlertsRequest()
        alerts.kind = .redWarning
        let raised = try await harness.assessment.listAlerts(alerts).alerts
        #expect(Set(raised.map(\.subject?.displayName)) == ["沭阳县", "沭阳县人民政府", "泗阳县", "泗阳县人民政府"])
        await harness.stop()
    }

    @Test func warningsFilterByUnitKindLevelAndRegion() async throws {
        let harness = try await AssessmentHarness()
        let regions = try await Self.warningHistory(harness)
        #expect(try await Self.warnings(harness, kind: .region).warnings.count == 7)
        #expect(try await Self.warnings(harness, kind: .agency).warnings.count == 8)
        #expect(
            try await Self.warnings(harness, level: .red).warnings.map(\.unitName) == [
                "沭阳县", "沭阳县人民政府", "泗阳县", "泗阳县人民政府",
            ])
        #expect(try await Self.warnings(harness, level: .yellow).warnings.count == 2)
        #expect(try await Self.warnings(harness, level: .green).warnings.count == 9)
        #expect(
            try await Self.warnings(harness, kind: .agency, level: .red).warnings.map(\.unitName) == [
                "沭阳县人民政府", "泗阳县人民政府",
            ])
        let shuyang = try #require(regions["沭阳县"])
        // The region itself and the agencies in it.
        #expect(try await Self.warnings(harness, region: shuyang.id).warnings.map(\.unitName) == ["沭阳县", "沭阳县人民政府"])
        let unknown = await #expect(throws: RPCError.self) { try await Self.warnings(harness, region: "region-999") }
        #expect(unknown?.code == .notFound)
        var range = V1.ListWarningsRequest()
        range.period = Request.range(.on(2022, 1, 1), .on(2022, 3, 31))
        let refused = await #expect(throws: RPCError.self) { try await harness.assessment.listWarnings(range) }
        #expect(refused?.code == .invalidArgument)
        await harness.stop()
    }

    @Test func pagingOneWarningAtATimeWalksEveryWarningOnceAndAnEditedTokenIsRefused() async throws {
        let harness = try await AssessmentHarness()
        _ = try await Self.warningHistory(harness)
        let whole = try await Self.warnings(harness).warnings
        var walked: [V1.Warning] = []
        var token = ""
        var tokens: [String] = []
        repeat {
            let page = try await Self.warnings(harness, pageSize: 1, token: token)
            #expect(page.warnings.count == 1)
            walked += page.warnings
            token = page.nextPageToken
            if !token.isEmpty { tokens.append(token) }
        } while !token.isEmpty && walked.count <= whole.count
        #expect(walked == whole)
        #expect(tokens.count == whole.count - 1)

        let middle = tokens[tokens.count / 2]
        var edited = Array(middle.utf8)
        edited[edited.count / 2] = edited[edited.count / 2] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        let forged = await #expect(throws: RPCError.self) {
            try await Self.warnings(harness, pageSize: 1, token: String(decoding: edited, as: UTF8.self))
        }
        #expect(forged?.code == .invalidArgument)
        // A token is bound to the filters it was issued for.
        let reused = await #expect(throws: RPCError.self) {
            try await Self.warnings(harness, level: .green, pageSize: 1, token: middle)
        }
        #expect(reused?.code == .invalidArgument)
        await harness.stop()
    }
}
