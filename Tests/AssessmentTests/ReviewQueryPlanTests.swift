import Storage
import Testing

@testable import Assessment

#if canImport(Glibc)
    import Glibc
#endif

/// The monthly review run by the judging timer, and a month's screening (ListHighRiskCases), read
/// a year of conclusions from case_risk (inside a follower's write the review reads the rows in
/// memory, LiveCaseRisk); these reads must stay answerable from assessment.5's indexes alone (a
/// lookup in case_risk per row was a fifth of a replay, when every review read the table).
/// The planner's choice is what is held here, so a query that starts needing another column, or
/// an index that loses one, fails this instead of quietly slowing every review.
@Suite struct ReviewQueryPlanTests {
    static func plan(_ sql: String) async throws -> String {
        let path = "/tmp/sj-review-plan-\(UInt64.random(in: 0...UInt64.max)).sqlite"
        defer { for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) } }
        let database = try Database.open(path: path, migrations: AssessmentSchema.migrations)
        defer { database.close() }
        return try await database.read { tx in
            try tx.fetchAll("EXPLAIN QUERY PLAN \(sql)", Int64(20_240_101), Int64(20_241_231)).map {
                try $0.get(3, as: String.self)
            }
            .joined(separator: "\n")
        }
    }

    @Test func theCalibrationSampleIsReadFromTheConcludedIndexAlone() async throws {
        let plan = try await Self.plan(CaseRiskTable.calibrationSampleSQL)
        #expect(plan.contains("USING COVERING INDEX case_risk_by_concluded"), "\(plan)")
    }

    @Test func conclusionTimesAreReadFromTheConcludedIndexAlone() async throws {
        let plan = try await Self.plan(CaseRiskTable.conclusionDaysSQL)
        #expect(plan.contains("USING COVERING INDEX case_risk_by_concluded"), "\(plan)")
    }

    @Test func theUnscoredAreFoundThroughTheirPartialIndex() async throws {
        let plan = try await Self.plan(
            "SELECT \(CaseRiskTable.columns) FROM case_risk WHERE \(CaseRiskTable.unscoredCondition)")
        #expect(plan.contains("USING INDEX case_risk_unscored"), "\(plan)")
    }
}
