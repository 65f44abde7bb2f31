internal import ServiceKit
internal import SharedDomain
public import Storage

/// Intake's tables. Each resource keeps its full protobuf as the read model (`body`, returned as
/// is) plus the columns that filters, uniqueness and paging need, so a list is one index range
/// scan and a get is one primary-key lookup. Shipped migrations are never edited.
public enum IntakeSchema {
    public static let migrations: [Migration] = [
        Migration(
            name: "intake.1.initial",
            sql: """
                CREATE TABLE regions (
                    id INTEGER PRIMARY KEY,
                    kind INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 4),
                    division_code TEXT NOT NULL UNIQUE CHECK (length(division_code) = 6),
                    body BLOB NOT NULL
                );
                -- Exactly one city: the second CITY insert fails on this index.
                CREATE UNIQUE INDEX regions_one_city ON regions (kind) WHERE kind = 1;

                CREATE TABLE agencies (
                    id INTEGER PRIMARY KEY,
                    region_id INTEGER NOT NULL REFERENCES regions (id),
                    name TEXT NOT NULL,
                    agency_type INTEGER NOT NULL,
                    level INTEGER NOT NULL,
                    credit_code TEXT UNIQUE,
                    body BLOB NOT NULL
                );
                CREATE INDEX agencies_by_region_name ON agencies (region_id, name, id);

                CREATE TABLE cases (
                    id INTEGER PRIMARY KEY,
                    kind INTEGER NOT NULL,
                    instance INTEGER NOT NULL,
                    docket_number TEXT NOT NULL,
                    court_key TEXT NOT NULL,
                    defendant_agency_id INTEGER NOT NULL REFERENCES agencies (id),
                    region_id INTEGER NOT NULL REFERENCES regions (id),
                    related_case_id INTEGER REFERENCES cases (id),
                    filed_on INTEGER NOT NULL,
                    concluded_on INTEGER,
                    state INTEGER NOT NULL,
                    version INTEGER NOT NULL CHECK (version >= 1),
                    body BLOB NOT NULL,
                    UNIQUE (kind, court_key, docket_number)
                );
                CREATE INDEX cases_by_filed ON cases (filed_on, id);
                CREATE INDEX cases_by_region ON cases (region_id, filed_on, id);
                CREATE INDEX cases_by_agency ON cases (defendant_agency_id, filed_on, id);
                CREATE INDEX cases_by_docket ON cases (docket_number);

                CREATE TABLE case_events (
                    case_id INTEGER NOT NULL REFERENCES cases (id),
                    version INTEGER NOT NULL CHECK (version >= 2),
                    kind TEXT NOT NULL,
                    body BLOB NOT NULL,
                    PRIMARY KEY (case_id, version)
                ) WITHOUT ROWID;

                CREATE TABLE opinions (
                    id INTEGER PRIMARY KEY,
                    region_id INTEGER NOT NULL REFERENCES regions (id),
                    department_agency_id INTEGER NOT NULL REFERENCES agencies (id),
                    related_case_id INTEGER REFERENCES cases (id),
                    category INTEGER NOT NULL,
                    state INTEGER NOT NULL,
                    detected_at INTEGER NOT NULL,
                    -- A deadline met late: missed for good.
                    late_milestone INTEGER NOT NULL DEFAULT 0,
                    -- Earliest due time (ms) of a deadline not met yet: missed once now passes it.
                    open_due_at INTEGER,
                    version INTEGER NOT NULL CHECK (version >= 1),
                    body BLOB NOT NULL
                );
                CREATE INDEX opinions_by_detected ON opinions (detected_at, id);
                CREATE INDEX opinions_by_region ON opinions (region_id, detected_at, id);
                CREATE INDEX opinions_by_department ON opinions (department_agency_id, detected_at, id);

                -- The primary key is the "each milestone at most once" rule.
                CREATE TABLE opinion_milestones (
                    opinion_id INTEGER NOT NULL REFERENCES opinions (id),
                    kind INTEGER NOT NULL,
                    occurred_at INTEGER NOT NULL,
                    body BLOB NOT NULL,
                    PRIMARY KEY (opinion_id, kind)
                ) WITHOUT ROWID;
                """),
        Migration(
            name: "intake.2.cases_by_related",
            sql: """
                -- The higher-instance records linked to a first-instance record (its effective outcome).
                CREATE INDEX cases_by_related ON cases (related_case_id) WHERE related_case_id IS NOT NULL;
                """),
    ]
}
