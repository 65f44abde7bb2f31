public import Storage
internal import ServiceKit

/// Assessment's tables: a projection of intake's regions, agencies and cases (only what the
/// indicators need), counts per scope and day and per scope and month kept up to date as intake's
/// changes are applied, and what has been judged and alerted. Every key is intake's own integer
/// key. Shipped migrations are never edited.
public enum AssessmentSchema {
    /// The counter columns, in ``Counter`` order.
    static let counterColumns = Counter.allCases.map { "\($0.column) INTEGER NOT NULL DEFAULT 0" }.joined(
        separator: ",\n    ")

    public static let migrations: [Migration] = [
        Migration(
            name: "assessment.1.initial",
            sql: """
                CREATE TABLE regions (
                    id INTEGER PRIMARY KEY,
                    kind INTEGER NOT NULL,
                    name TEXT NOT NULL
                );
                CREATE TABLE agencies (
                    id INTEGER PRIMARY KEY,
                    region_id INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    level INTEGER NOT NULL
                );
                CREATE INDEX agencies_by_region ON agencies (region_id, id);

                -- The facts of each intake case record as of its latest snapshot.
                CREATE TABLE cases (
                    id INTEGER PRIMARY KEY,
                    version INTEGER NOT NULL,
                    kind INTEGER NOT NULL,
                    first_instance INTEGER NOT NULL,
                    region_id INTEGER NOT NULL,
                    agency_id INTEGER NOT NULL,
                    category INTEGER NOT NULL,
                    docket_number TEXT NOT NULL,
                    state INTEGER NOT NULL,
                    filed_on INTEGER NOT NULL,
                    concluded_on INTEGER,
                    outcome INTEGER,
                    appealed INTEGER NOT NULL,
                    hearing_scheduled INTEGER NOT NULL,
                    head_appeared INTEGER NOT NULL,
                    head_spoke INTEGER NOT NULL,
                    self_corrected INTEGER NOT NULL,
                    revised INTEGER NOT NULL,
                    -- The case-lost alert is raised once per case.
                    loss_alerted INTEGER NOT NULL DEFAULT 0
                );
                CREATE INDEX cases_by_concluded ON cases (concluded_on) WHERE concluded_on IS NOT NULL;

                -- scope_kind: 0 the city (scope_id 0), 1 a region, 2 an agency. day is yyyymmdd,
                -- month yyyymm. A period sums whole months from month_counts and the days of
                -- partial months from day_counts.
                CREATE TABLE day_counts (
                    scope_kind INTEGER NOT NULL,
                    scope_id INTEGER NOT NULL,
                    day INTEGER NOT NULL,
                    \(counterColumns),
                    PRIMARY KEY (scope_kind, scope_id, day)
                );
                CREATE TABLE month_counts (
                    scope_kind INTEGER NOT NULL,
                    scope_id INTEGER NOT NULL,
                    month INTEGER NOT NULL,
                    \(counterColumns),
                    PRIMARY KEY (scope_kind, scope_id, month)
                );

                -- The quarter to judge next (yyyy * 10 + q); empty until the first judging.
                CREATE TABLE judging (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    next_quarter INTEGER NOT NULL
                );
                -- Each region's crossings, for counting occurrences in a window.
                CREATE TABLE crossings (
                    region_id INTEGER NOT NULL,
                    quarter INTEGER NOT NULL,
                    occurrence INTEGER NOT NULL,
                    alert_sequence INTEGER NOT NULL,
                    PRIMARY KEY (region_id, quarter)
                );

                -- Every alert raised, by its once-only key ("case_lost/42"), and what ListAlerts
                -- filters on. The alert itself is the feed entry with the same sequence.
                CREATE TABLE alerts (
                    sequence INTEGER PRIMARY KEY,
                    alert_key TEXT NOT NULL UNIQUE,
                    kind INTEGER NOT NULL,
                    region_id INTEGER,
                    period_first INTEGER NOT NULL,
                    period_last INTEGER NOT NULL,
                    created_at INTEGER NOT NULL
                );
                CREATE INDEX alerts_by_kind ON alerts (kind, sequence);

                -- The intake position applied, with its commit time: feed time for judging.
                CREATE TABLE feed_time (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    intake_sequence INTEGER NOT NULL,
                    committed_at INTEGER NOT NULL
                );
                """),
        Migration(
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
                """),
    ]
}
