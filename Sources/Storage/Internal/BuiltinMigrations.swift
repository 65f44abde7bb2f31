/// Tables every service database has, created before the service's own migrations.
enum BuiltinMigrations {
    static let all: [Migration] = [
        Migration(
            name: "storage.0001-idempotency-feed-cursors",
            sql: """
                CREATE TABLE idempotency (
                    scope TEXT NOT NULL,
                    request_id TEXT NOT NULL,
                    request_hash BLOB NOT NULL,
                    response BLOB NOT NULL,
                    created_at INTEGER NOT NULL,
                    PRIMARY KEY (scope, request_id)
                ) WITHOUT ROWID;
                CREATE INDEX idempotency_created_at ON idempotency (created_at);

                -- Sequence numbers come from the rowid: max + 1, assigned by the single writer.
                -- Deleting the newest row would let its number be reused, so the feed is
                -- append-only; pruning needs a deliberate migration.
                CREATE TABLE feed (
                    seq INTEGER PRIMARY KEY,
                    kind TEXT NOT NULL,
                    payload BLOB NOT NULL,
                    committed_at INTEGER NOT NULL
                );
                CREATE TRIGGER feed_is_append_only_update BEFORE UPDATE ON feed
                BEGIN SELECT RAISE(ABORT, 'the feed is append-only'); END;
                CREATE TRIGGER feed_is_append_only_delete BEFORE DELETE ON feed
                BEGIN SELECT RAISE(ABORT, 'the feed is append-only'); END;

                CREATE TABLE cursors (
                    consumer TEXT PRIMARY KEY,
                    last_seq INTEGER NOT NULL CHECK (last_seq >= 0)
                ) WITHOUT ROWID;
                CREATE TRIGGER cursors_move_forward BEFORE UPDATE OF last_seq ON cursors
                WHEN NEW.last_seq < OLD.last_seq
                BEGIN SELECT RAISE(ABORT, 'a consumer cursor cannot move backwards'); END;
                """),
        // The first layout clustered each record, response included, by (scope, request_id):
        // random request ids scattered every write over the whole tree, so each commit wrote a
        // page per request. Records now go in arrival order (rowid) and only the small key is
        // scattered, in its own index.
        Migration(
            name: "storage.0002-idempotency-in-arrival-order",
            sql: """
                CREATE TABLE idempotency_in_arrival_order (
                    id INTEGER PRIMARY KEY,
                    scope TEXT NOT NULL,
                    request_id TEXT NOT NULL,
                    request_hash BLOB NOT NULL,
                    response BLOB NOT NULL,
                    created_at INTEGER NOT NULL
                );
                INSERT INTO idempotency_in_arrival_order (scope, request_id, request_hash, response, created_at)
                SELECT scope, request_id, request_hash, response, created_at FROM idempotency ORDER BY created_at;
                DROP TABLE idempotency;
                ALTER TABLE idempotency_in_arrival_order RENAME TO idempotency;
                CREATE UNIQUE INDEX idempotency_by_request ON idempotency (scope, request_id);
                CREATE INDEX idempotency_created_at ON idempotency (created_at);
                """),
        // One random value per database, made when it is first opened (Database.instanceSecret):
        // it keys the MACs on values a service hands out and must recognise later (page tokens),
        // and it travels with the data, so a restart or a restored backup still accepts them.
        Migration(
            name: "storage.0003-instance-secret",
            sql: """
                CREATE TABLE instance_secret (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    value BLOB NOT NULL
                );
                """),
        // What the event at last_seq looked like when it was applied (a follower's choice, its
        // commit time): an upstream restored to an older point that has since written past the
        // cursor again has a different event there, which the head alone cannot show. NULL where
        // nothing is known (rows from before, consumers that keep none).
        Migration(
            name: "storage.0004-cursor-fingerprint",
            sql: "ALTER TABLE cursors ADD COLUMN last_fingerprint INTEGER;"),
    ]
}
