public import Storage

/// Assessment's tables: a projection of intake's regions, agencies and cases (only what the
/// indicators need), counts per scope and day, month and year kept up to date as intake's
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
        caseRisk,
        opinions,
        yearCounts,
        concludedIndex,
    ]
}
