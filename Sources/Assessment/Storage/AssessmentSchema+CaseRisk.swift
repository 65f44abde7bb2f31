internal import Storage

extension AssessmentSchema {
    /// Case risk: each first-instance litigation case's dated risk facts, the opinions naming a
    /// case, case risk's own monthly tallies and reconsideration corrections, the review month.
    static let caseRisk = Migration(
        name: "assessment.2.case_risk",
        sql: """
                -- Risk facts of each first-instance litigation case, each dated, so a case can be
                -- scored as of any day; and what was last concluded about it.
                CREATE TABLE case_risk (
                    case_id INTEGER PRIMARY KEY,
                    version INTEGER NOT NULL,
                    region_id INTEGER NOT NULL,
                    agency_id INTEGER NOT NULL,
                    category INTEGER NOT NULL,
                    docket_number TEXT NOT NULL,
                    filed_on INTEGER NOT NULL,
                    concluded_on INTEGER,
                    plaintiff_count INTEGER NOT NULL,
                    hearing_on INTEGER,
                    hearing_known_on INTEGER,
                    head_appeared_on INTEGER,
                    mediation_failed_on INTEGER,
                    mediation_partial_on INTEGER,
                    -- What it adds to risk_month_counts on conclusion: the month (yyyymm) and
                    -- whether its counted outcome is a loss.
                    counted_month INTEGER,
                    counted_loss INTEGER NOT NULL DEFAULT 0,
                    -- The level last evaluated on feed time (common.v1.RiskLevel, 0 never) and
                    -- its score in tenths: the high-risk alert's previous level.
                    level INTEGER NOT NULL DEFAULT 0,
                    score_tenths INTEGER,
                    -- The score as of its closing day (its last monthly screening): what the
                    -- forecast's calibration is fitted on.
                    closing_score_tenths INTEGER
                );
                CREATE INDEX case_risk_by_concluded ON case_risk (concluded_on);

                -- Opinion incidents naming a related case, and when each was detected.
                CREATE TABLE case_opinions (
                    opinion_id INTEGER PRIMARY KEY,
                    case_id INTEGER NOT NULL,
                    detected_on INTEGER NOT NULL
                );
                CREATE INDEX case_opinions_by_case ON case_opinions (case_id);

                -- Case risk's own tallies of first-instance litigation by month (yyyymm): filed (by
                -- filing month), concluded and lost (by conclusion month), for the city
                -- (scope_kind 0, scope_id 0), each region (1), agency (2) and category (3, by
                -- intake.v1.CaseCategory number). Kept change by change rather than read from
                -- month_counts, which the projection writes a batch at a time: a case scored
                -- mid-batch sees exactly the changes before it.
                CREATE TABLE risk_month_counts (
                    scope_kind INTEGER NOT NULL,
                    scope_id INTEGER NOT NULL,
                    month INTEGER NOT NULL,
                    filed INTEGER NOT NULL DEFAULT 0,
                    concluded INTEGER NOT NULL DEFAULT 0,
                    losses INTEGER NOT NULL DEFAULT 0,
                    PRIMARY KEY (scope_kind, scope_id, month)
                );

                -- Reconsideration cases decided as corrections (复议纠错), by agency and day.
                CREATE TABLE risk_corrections (
                    case_id INTEGER PRIMARY KEY,
                    agency_id INTEGER NOT NULL,
                    concluded_on INTEGER NOT NULL
                );
                CREATE INDEX risk_corrections_by_agency ON risk_corrections (agency_id, concluded_on);

                -- The month (yyyymm) whose first day the monthly risk review last ran for.
                CREATE TABLE risk_review (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    month INTEGER NOT NULL
                );
            """)
}
