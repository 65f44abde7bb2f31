import SharedDomain
import Storage
import Testing

@testable import Assessment

/// The monthly review inside a follower's write reads case_risk's rows from memory
/// (LiveCaseRisk): each of its questions must get the answer the table's SQL gives, from memory
/// when the rows reach back far enough and from the table when they do not; and the rows it
/// writes back, through the cheaper UPDATE or the upsert, must be what the table then holds.
@Suite struct LiveCaseRiskTests {
    /// 400 cases filed over 2023-2024: a third open, the rest concluded 5 to 300 days later, some
    /// with a closing score, some lost, some named by an opinion.
    static func table() async throws -> Database {
        let database = try Database.inMemory(migrations: AssessmentSchema.migrations)
        try await database.write { tx in
            var seed: UInt64 = 0x5EED
            func draw(_ bound: Int64) -> Int64 {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return Int64((seed >> 33) % UInt64(bound))
            }
            let start = CivilDate(year: 2023, month: 1, day: 1)!
            for key in Int64(1)...400 {
                let filed = start.adding(days: draw(700))!
                let concluded = draw(3) == 0 ? nil : filed.adding(days: 5 + draw(295))
                let facts = CaseRiskFacts(
                    caseKey: key, docketNumber: "（2024）苏13行初\(key)号", regionKey: 1 + draw(3), agencyKey: 10 + draw(5),
                    category: Int32(1 + draw(4)), filedOn: filed, concludedOn: concluded,
                    hearingOn: draw(2) == 0 ? filed.adding(days: 20) : nil)
                let lost = concluded != nil && draw(4) == 0
                let stored = CaseRiskTable.Stored(
                    facts: facts, version: 1, countedMonth: concluded.map { Int64($0.key / 100) }, countedLoss: lost,
                    level: draw(4), scoreTenths: draw(1000), closingScoreTenths: draw(2) == 0 ? draw(1000) : nil)
                try CaseRiskTable.save(tx, stored)
                if draw(10) == 0 {
                    try CaseRiskTable.setLink(
                        tx, opinion: 1_000 + key, caseKey: key, detectedOn: filed.adding(days: draw(60))!)
                }
            }
        }
        return database
    }

    static func days() -> [CivilDate] {
        stride(from: 0, to: 800, by: 37).map { CivilDate(year: 2023, month: 1, day: 1)!.adding(days: Int64($0))! }
    }

    static func describe(_ rows: [CaseRiskTable.Stored]) -> [String] { rows.map { "\($0)" } }

    /// Every question, from memory and from the table, for windows of a year ending each day.
    static func compare(_ live: inout LiveCaseRisk, _ tx: WriteTransaction) throws -> [String] {
        var differing: [String] = []
        for day in days() {
            let window = CaseRiskHistory.window(before: day, months: 12)
            if try describe(live.open(tx, on: day)) != describe(CaseRiskTable.open(tx, on: day)) {
                differing.append("open on \(day)")
            }
            if try describe(live.unscored(tx, concludedIn: window))
                != describe(CaseRiskTable.unscored(tx, concludedIn: window))
            {
                differing.append("unscored in \(window)")
            }
            let sample = { (items: [(score: Double, lost: Bool)]) in items.map { "\($0.score)/\($0.lost)" }.sorted() }
            if try sample(live.calibrationSample(tx, concludedIn: window))
                != sample(CaseRiskTable.calibrationSample(tx, concludedIn: window))
            {
                differing.append("calibration sample in \(window)")
            }
            if try live.conclusionDays(tx, concludedIn: window).sorted()
                != CaseRiskTable.conclusionDays(tx, concludedIn: window).sorted()
            {
                differing.append("conclusion days in \(window)")
            }
        }
        return differing
    }

    @Test func everyQuestionGetsTheTablesAnswerWithAndWithoutABound() async throws {
        let database = try await Self.table()
        let differing = try await database.write { tx in
            var whole = try LiveCaseRisk.load(tx, since: nil)
            #expect(whole.rows.count == 400)
            let since = CivilDate(year: 2024, month: 1, day: 1)!
            var bounded = try LiveCaseRisk.load(tx, since: since)
            // The open cases and the conclusions from the bound on, and nothing older.
            #expect(bounded.rows.count < 400)
            #expect(bounded.rows.allSatisfy { $0.value.facts.concludedOn.map { $0 >= since } ?? true })
            #expect(try bounded.open(tx, on: since).count > 50)
            return try Self.compare(&whole, tx) + Self.compare(&bounded, tx)
        }
        #expect(differing.isEmpty, "\(differing)")
        database.close()
    }

    @Test func forgettingTheOldConclusionsLeavesEveryAnswerTheSame() async throws {
        let database = try await Self.table()
        let (before, after, differing) = try await database.write { tx in
            var live = try LiveCaseRisk.load(tx, since: nil)
            let before = live.rows.count
            live.forget(concludedBefore: CivilDate(year: 2024, month: 3, day: 1)!)
            // A bound earlier than the one it has already is no reason to forget anything.
            live.forget(concludedBefore: CivilDate(year: 2023, month: 3, day: 1)!)
            return (before, live.rows.count, try Self.compare(&live, tx))
        }
        #expect(after < before)
        #expect(differing.isEmpty, "\(differing)")
        database.close()
    }

    /// Rows changed only outside the indexes go through the UPDATE of the other columns; those
    /// with a new conclusion, closing score or loss, and new rows, through the upsert. Either
    /// way the table then reads back exactly the rows in memory, and its indexes agree with it.
    @Test func changedRowsAreWrittenWhicheverColumnsChanged() async throws {
        let database = try await Self.table()
        let (expected, actual, integrity, differing) = try await database.write { tx in
            var live = try LiveCaseRisk.load(tx, since: nil)
            for key in Int64(1)...400 {
                guard var stored = try live.row(tx, key) else { continue }
                stored.version += 1
                switch key % 4 {
                case 0:  // outside the indexes only
                    stored.level = (stored.level + 1) % 4
                    stored.scoreTenths = (stored.scoreTenths ?? 0) + 7
                    stored.facts.hearingOn = stored.facts.filedOn.adding(days: 30)
                    stored.facts.hearingKnownOn = stored.facts.filedOn.adding(days: 9)
                    stored.facts.docketNumber += "之一"
                case 1:  // a conclusion, or a later one
                    stored.facts.concludedOn = (stored.facts.concludedOn ?? stored.facts.filedOn).adding(days: 3)
                case 2:  // a closing score
                    stored.closingScoreTenths = (stored.closingScoreTenths ?? 0) + 1
                default:  // the loss turned
                    stored.countedLoss.toggle()
                }
                live.set(key, stored)
            }
            let fresh = CaseRiskFacts(
                caseKey: 401, docketNumber: "（2025）苏13行初1号", regionKey: 1, agencyKey: 10, category: 1,
                filedOn: CivilDate(year: 2025, month: 1, day: 2)!)
            live.set(
                401,
                CaseRiskTable.Stored(
                    facts: fresh, version: 1, countedMonth: nil, countedLoss: false, level: 1, scoreTenths: 250,
                    closingScoreTenths: nil))
            try live.flush(tx)
            let expected = live.rows.map { "\($0.value)" }
            let actual = try (Int64(1)...401).compactMap { try CaseRiskTable.load(tx, key: $0) }.map { "\($0)" }
            let integrity = try tx.fetchAll("PRAGMA integrity_check").map { try $0.get(0, as: String.self) }
            return (expected, actual, integrity, try Self.compare(&live, tx))
        }
        #expect(actual.count == 401)
        #expect(actual == expected)
        #expect(integrity == ["ok"])
        #expect(differing.isEmpty, "\(differing)")
        database.close()
    }
}
