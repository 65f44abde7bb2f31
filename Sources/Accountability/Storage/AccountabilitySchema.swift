public import Storage

/// Accountability's tables. Each resource keeps its full protobuf in `body` (the read model,
/// returned as stored) plus the columns that filters, paging, statistics and the rules need.
/// Intake's and assessment's things are referred to by their integer keys (`case-42` is 42).
/// Rules live in the schema where SQLite can hold them: one referral per case, incident and
/// alert; one escalation per alert and per region and quarter; one open supervision per case;
/// one batch per month; one entity per alert acted on. Shipped migrations are never edited.
public enum AccountabilitySchema {
    public static let migrations: [Migration] = [
        Migration(
            name: "accountability.1.initial",
            sql: """
                -- Every alert received from assessment, as received: the source of referrals that
                -- name an alert, and of the losses counted for repeated-loss aggravation.
                CREATE TABLE alerts (
                    sequence INTEGER PRIMARY KEY,
                    kind INTEGER NOT NULL,
                    created_at INTEGER NOT NULL,
                    body BLOB NOT NULL
                );

                -- Lost first-instance cases by agency, each case once: from CASE_LOST alerts and
                -- from referrals opened by hand from a lost case. concluded_on is yyyymmdd.
                CREATE TABLE losses (
                    case_id INTEGER PRIMARY KEY,
                    agency_id INTEGER NOT NULL,
                    concluded_on INTEGER NOT NULL
                );
                CREATE INDEX losses_by_agency ON losses (agency_id, concluded_on);

                -- referred_at is the REFERRED step's occurred_at (ms), referred_on its day
                -- (yyyymmdd in the city's zone): what batches and opened_in go by.
                CREATE TABLE referrals (
                    id INTEGER PRIMARY KEY,
                    region_id INTEGER NOT NULL,
                    agency_id INTEGER NOT NULL,
                    case_id INTEGER UNIQUE,
                    opinion_id INTEGER UNIQUE,
                    alert_sequence INTEGER UNIQUE,
                    step INTEGER NOT NULL CHECK (step BETWEEN 1 AND 4),
                    disposition INTEGER NOT NULL DEFAULT 0,
                    referred_at INTEGER NOT NULL,
                    referred_on INTEGER NOT NULL,
                    batch_id INTEGER,
                    created_at INTEGER NOT NULL,
                    version INTEGER NOT NULL CHECK (version >= 1),
                    body BLOB NOT NULL
                );
                CREATE INDEX referrals_by_created ON referrals (created_at, id);
                CREATE INDEX referrals_by_referred ON referrals (referred_on, id);
                CREATE INDEX referrals_unbatched ON referrals (referred_on) WHERE batch_id IS NULL;

                -- Each step taken, for statistics by the day it occurred (yyyymmdd). The primary
                -- key is "each step once". For DECISION_EXECUTED: the disposition proposed, whether
                -- it held anyone accountable, the unit, and how many persons it named.
                CREATE TABLE referral_steps (
                    referral_id INTEGER NOT NULL REFERENCES referrals (id),
                    step INTEGER NOT NULL,
                    occurred_on INTEGER NOT NULL,
                    region_id INTEGER NOT NULL,
                    disposition INTEGER NOT NULL DEFAULT 0,
                    held_accountable INTEGER NOT NULL DEFAULT 0,
                    unit_held INTEGER NOT NULL DEFAULT 0,
                    persons INTEGER NOT NULL DEFAULT 0,
                    PRIMARY KEY (referral_id, step)
                );
                CREATE INDEX referral_steps_by_day ON referral_steps (step, occurred_on);

                -- The persons of cases held accountable, by the day the decision was executed: a
                -- person is (agency_id, person_key), counted distinct over a period.
                CREATE TABLE persons_handled (
                    referral_id INTEGER NOT NULL REFERENCES referrals (id),
                    agency_id INTEGER NOT NULL,
                    person_key TEXT NOT NULL,
                    region_id INTEGER NOT NULL,
                    executed_on INTEGER NOT NULL,
                    PRIMARY KEY (referral_id, agency_id, person_key)
                );
                CREATE INDEX persons_handled_by_day ON persons_handled (executed_on);

                -- month is yyyymm; the id is the batch number.
                CREATE TABLE batches (
                    id INTEGER PRIMARY KEY,
                    month INTEGER NOT NULL UNIQUE,
                    body BLOB NOT NULL
                );

                -- quarter is yyyy * 10 + q; held_on yyyymmdd once held.
                CREATE TABLE escalations (
                    id INTEGER PRIMARY KEY,
                    region_id INTEGER NOT NULL,
                    quarter INTEGER NOT NULL,
                    quarter_first INTEGER NOT NULL,
                    quarter_last INTEGER NOT NULL,
                    kind INTEGER NOT NULL,
                    status INTEGER NOT NULL,
                    alert_sequence INTEGER NOT NULL UNIQUE,
                    held_on INTEGER,
                    version INTEGER NOT NULL CHECK (version >= 1),
                    body BLOB NOT NULL,
                    UNIQUE (region_id, quarter)
                );
                CREATE INDEX escalations_by_quarter ON escalations (quarter, region_id, id);
                CREATE INDEX escalations_by_held ON escalations (held_on) WHERE held_on IS NOT NULL;

                -- next_alarm_at (ms): when the timer must next look at this item (its reminder or
                -- its deadline), NULL when nothing is pending. opened_from_alert keys the items the
                -- follower opened, so an alert never opens two.
                CREATE TABLE supervisions (
                    id INTEGER PRIMARY KEY,
                    kind INTEGER NOT NULL,
                    state INTEGER NOT NULL CHECK (state BETWEEN 1 AND 3),
                    case_id INTEGER NOT NULL,
                    region_id INTEGER NOT NULL,
                    due_at INTEGER NOT NULL,
                    next_alarm_at INTEGER,
                    opened_from_alert INTEGER UNIQUE,
                    opened_on INTEGER NOT NULL,
                    closed_on INTEGER,
                    version INTEGER NOT NULL CHECK (version >= 1),
                    body BLOB NOT NULL
                );
                CREATE UNIQUE INDEX supervisions_one_open_per_case ON supervisions (case_id) WHERE state <> 3;
                CREATE INDEX supervisions_by_due ON supervisions (due_at, id);
                CREATE INDEX supervisions_by_alarm ON supervisions (next_alarm_at) WHERE next_alarm_at IS NOT NULL;
                CREATE INDEX supervisions_by_opened ON supervisions (opened_on);
                CREATE INDEX supervisions_by_closed ON supervisions (closed_on) WHERE closed_on IS NOT NULL;
                """)
    ]
}
