internal import Storage

extension AssessmentSchema {
    /// Counts per scope and year, beside the per-day and per-month ones, so a year's figures
    /// are one row instead of twelve summed. GetIndicators for a year reads its year and the
    /// year before; summing 2 × 12 month rows of 15 columns was most of that call's cost.
    /// WITHOUT ROWID: the rows are only ever found by their key. Filled from month_counts here,
    /// so a database migrated with history in it has its years at once.
    static let yearCounts = Migration(
        name: "assessment.4.year_counts",
        sql: """
            CREATE TABLE year_counts (
                scope_kind INTEGER NOT NULL,
                scope_id INTEGER NOT NULL,
                year INTEGER NOT NULL,
                \(counterColumns),
                PRIMARY KEY (scope_kind, scope_id, year)
            ) WITHOUT ROWID;
            INSERT INTO year_counts (scope_kind, scope_id, year, \(Counter.allCases.map(\.column).joined(separator: ", ")))
            SELECT scope_kind, scope_id, month / 100, \(Counter.allCases.map { "sum(\($0.column))" }.joined(separator: ", "))
            FROM month_counts GROUP BY scope_kind, scope_id, month / 100;
            """)
}
