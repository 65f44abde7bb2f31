internal import Storage

extension AssessmentSchema {
    /// Opinion incidents and their deadlines, as judged on feed time. Instants are nanoseconds
    /// since 1970, so a deadline compares to the nanosecond, as intake's do.
    static let opinions = Migration(
        name: "assessment.3.opinions",
        sql: """
            -- Each intake opinion incident as of its latest snapshot.
            CREATE TABLE opinions (
                id INTEGER PRIMARY KEY,
                version INTEGER NOT NULL,
                region_id INTEGER NOT NULL,
                department_agency_id INTEGER NOT NULL,
                importance INTEGER NOT NULL,
                summary TEXT NOT NULL,
                detected_at INTEGER NOT NULL,
                media_attention_at INTEGER
            );
            -- When each of its milestones occurred; each kind at most once.
            CREATE TABLE opinion_milestones (
                opinion_id INTEGER NOT NULL,
                kind INTEGER NOT NULL,
                occurred_at INTEGER NOT NULL,
                PRIMARY KEY (opinion_id, kind)
            );
            -- Each deadline that applies, with its status on feed time (common.v1.DeadlineStatus:
            -- 1 pending, 2 met, 3 missed) and the alert that said it was missed. due_day (yyyymmdd,
            -- city zone) is the day it counts under for compliance.
            CREATE TABLE opinion_deadlines (
                opinion_id INTEGER NOT NULL,
                kind INTEGER NOT NULL,
                region_id INTEGER NOT NULL,
                department_agency_id INTEGER NOT NULL,
                starts_at INTEGER NOT NULL,
                due_at INTEGER NOT NULL,
                due_day INTEGER NOT NULL,
                met_at INTEGER,
                status INTEGER NOT NULL,
                missed_alert INTEGER,
                PRIMARY KEY (opinion_id, kind)
            );
            -- What the watch waits for: the earliest pending due time.
            CREATE INDEX opinion_deadlines_pending ON opinion_deadlines (due_at, opinion_id, kind) WHERE status = 1;
            CREATE INDEX opinion_deadlines_by_day ON opinion_deadlines (due_day);
            """)
}
