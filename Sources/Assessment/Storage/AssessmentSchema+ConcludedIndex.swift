internal import Storage

extension AssessmentSchema {
    /// The monthly review reads, for the twelve-month window before each month, every case
    /// concluded in it: filing and conclusion days (how long cases take), closing scores and
    /// losses (the forecast's calibration), and the few with no closing score yet. Through an
    /// index on concluded_on alone each of those rows was a lookup in the table, and with a city's
    /// year of conclusions in the window that was about a fifth of a replay's time. The index now
    /// carries the columns those reads need, so they are one range of it; the unscored cases have
    /// their own small partial index (a case leaves it once scored).
    static let concludedIndex = Migration(
        name: "assessment.5.concluded_index",
        sql: """
            DROP INDEX case_risk_by_concluded;
            CREATE INDEX case_risk_by_concluded
                ON case_risk (concluded_on, filed_on, closing_score_tenths, counted_loss);
            CREATE INDEX case_risk_unscored ON case_risk (concluded_on)
                WHERE concluded_on IS NOT NULL AND closing_score_tenths IS NULL;
            """)
}
