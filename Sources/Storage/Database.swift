internal import Glibc
internal import Synchronization

/// A service's embedded SQLite database: one writer thread with group commit, a small pool of
/// reader threads, versioned migrations, idempotency records and a change feed.
///
/// Nothing blocks the caller: `write` and `read` suspend (or call back) while a storage thread
/// does the work. A write is acknowledged only after its transaction committed and the WAL was
/// synced, so it survives `kill -9` and power loss; a read is delivered only once everything it
/// saw is durable (see `Syncer`).
public final class Database: Sendable {
    /// The database file.
    public let path: String
    /// 32 random bytes made when the database was created and kept in it: a key for MACs on
    /// values handed out to clients (page tokens) that must survive restarts and backups.
    public let instanceSecret: [UInt8]
    /// The migrations this open applied, in order (empty when the schema was already current).
    public let migrationsApplied: [String]
    private let writes: RequestQueue<WriteTransaction>
    private let reads: RequestQueue<ReadTransaction>
    private let notifier: FeedNotifier
    private let statistics: StatisticsRecorder
    private let syncer: Syncer
    /// The writer and the readers; the syncer's thread is stopped after them.
    private let threads: [WorkerThread]
    private let syncerThread: WorkerThread
    private let temporaryDirectory: String?
    private let isClosed = Mutex(false)

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    ///
    /// - Throws: `StorageError.corrupt` if the file is not a database, `.locked` if another
    ///   process holds it beyond the busy timeout, `.newerSchema` if a newer version migrated it,
    ///   `.walUnavailable`, `.cannotOpen`, `.migrationFailed`.
    public static func open(path: String, migrations: [Migration] = [], options: Options = Options()) throws
        -> Database
    {
        try Database(path: path, migrations: migrations, options: options, temporaryDirectory: nil)
    }

    /// A database that lives in memory and disappears on `close`, for tests.
    ///
    /// It is a file in a fresh directory on tmpfs (`/dev/shm`, else `$TMPDIR`), not SQLite's
    /// `:memory:`: a shared-cache in-memory database has no WAL and uses table locks, so readers
    /// would fail with SQLITE_LOCKED instead of reading a snapshot. A file keeps exactly the
    /// concurrency of an on-disk database.
    public static func inMemory(migrations: [Migration] = [], options: Options = Options()) throws -> Database {
        let directory = try makeTemporaryDirectory()
        do {
            return try Database(
                path: directory + "/db.sqlite", migrations: migrations, options: options,
                temporaryDirectory: directory)
        } catch {
            removeDatabaseFiles(in: directory)
            throw error
        }
    }

    private init(path: String, migrations: [Migration], options: Options, temporaryDirectory: String?) throws {
        precondition(options.readers >= 1, "a database needs at least one reader")
        precondition(options.maxBatchSize >= 1, "a batch holds at least one request")
        precondition(
            !migrations.contains { $0.name.hasPrefix("storage.") },
            "migration names starting with storage. are reserved")
        let writeConnection = try Connection.open(path: path, readOnly: false, busyTimeout: options.busyTimeout)
        let journalMode = try writeConnection.fetchAll("PRAGMA journal_mode = WAL", []).first?.get(0, as: String.self)
        guard journalMode?.lowercased() == "wal" else {
            throw StorageError.walUnavailable(path: path, journalMode: journalMode ?? "unknown")
        }
        // FULL until the syncer can take over (below): migrations commit durably on their own.
        try writeConnection.execute("PRAGMA synchronous = FULL", [])
        // Savepoints (a batch run again with one per request) and statements that may fail
        // halfway keep a statement journal of the pages they change. On disk (the default past
        // 64 KiB) it grew across the whole batch and cost two pwrite calls per page touched:
        // most of the writer's system time when every request had a savepoint. In memory it is
        // truncated as each ends. It holds nothing needed after a crash.
        try writeConnection.execute("PRAGMA temp_store = MEMORY", [])
        // SQLite's default page cache is 2 MB per connection. Past that every page the writer
        // touches again is a pread: the kernel has it, but the system call costs more than the
        // row. A replay of a city's history into assessment spent a tenth of its time there
        // once the database outgrew the cache. The cache grows only as pages are used.
        try writeConnection.execute("PRAGMA cache_size = -\(options.writerCacheKiB)", [])
        let migrationsApplied = try Migrator(
            connection: writeConnection, builtin: BuiltinMigrations.all, service: migrations
        ).migrate()
        try writeConnection.execute("PRAGMA foreign_keys = ON", [])
        let instanceSecret = try Self.instanceSecret(writeConnection)
        let lastSequence = try writeConnection.fetchAll("SELECT max(seq) FROM feed", [])[0].get(0, as: Int64?.self)
        // The WAL exists now (WAL mode is on and migrations wrote through it). With our own
        // descriptor of it the syncer makes each batch durable off the writer thread, so COMMIT
        // itself need not sync; without one, SQLite keeps syncing at COMMIT.
        let walPath = path + "-wal"
        let walDescriptor = Glibc.open(walPath, O_RDONLY | O_CLOEXEC)
        if walDescriptor >= 0 {
            do {
                try writeConnection.execute("PRAGMA synchronous = NORMAL", [])
            } catch {
                Glibc.close(walDescriptor)
                throw error
            }
        }
        let readConnections = try (0..<options.readers).map { _ in
            try Connection.open(path: path, readOnly: true, busyTimeout: options.busyTimeout)
        }

        self.path = path
        self.instanceSecret = instanceSecret
        self.migrationsApplied = migrationsApplied
        self.temporaryDirectory = temporaryDirectory
        writes = RequestQueue()
        reads = RequestQueue()
        notifier = FeedNotifier(lastSequence: lastSequence ?? 0)
        statistics = StatisticsRecorder()
        let syncer = Syncer(
            walPath: walPath, walDescriptor: walDescriptor >= 0 ? walDescriptor : nil, notifier: notifier)
        self.syncer = syncer
        let writer = Handoff(
            value: Writer(
                queue: writes, connection: writeConnection, lastSequence: lastSequence ?? 0,
                maxBatchSize: options.maxBatchSize, syncer: syncer, statistics: statistics))
        var threads = [WorkerThread { writer.value.run() }]
        for connection in readConnections {
            let reader = Handoff(value: Reader(queue: reads, connection: connection, syncer: syncer))
            threads.append(WorkerThread { reader.value.run() })
        }
        self.threads = threads
        syncerThread = WorkerThread { syncer.run() }
    }

    deinit {
        close()
    }

    /// Reads the database's secret, making it on first open (still under synchronous = FULL, so
    /// it is durable before anything is keyed with it).
    private static func instanceSecret(_ connection: Connection) throws -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        let fresh = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        try connection.execute(
            "INSERT INTO instance_secret (id, value) VALUES (1, ?) ON CONFLICT (id) DO NOTHING", [fresh])
        return try connection.fetchAll("SELECT value FROM instance_secret WHERE id = 1", [])[0].get(0, as: [UInt8].self)
    }

    // MARK: Writing

    /// Runs `body` on the writer thread as one request of a group commit, and returns once the
    /// transaction holding it has committed durably.
    ///
    /// If `body` throws, only its own writes are rolled back and its error is rethrown. A
    /// request is not cancelled with its task: once queued, it runs.
    ///
    /// `body` may run more than once: when another request of its batch fails after changing
    /// rows, the batch is undone and run again (see Writer), and only the last run counts. So a
    /// body must touch nothing but the transaction, and change the database only through
    /// INSERT, UPDATE and DELETE (how the writer tells whether a failed request wrote).
    @discardableResult
    public func write<T: Sendable>(_ body: @escaping @Sendable (WriteTransaction) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            write(body) { continuation.resume(with: $0) }
        }
    }

    /// Like `write(_:)`, but calls `completion` on a storage thread once the commit is durable,
    /// for an event loop that hops back with its own wake-up (`uv_async_send`). Keep
    /// `completion` short: other results wait behind it. If the database is closed, `completion`
    /// runs at once on the caller's thread.
    public func write<T: Sendable>(
        _ body: @escaping @Sendable (WriteTransaction) throws -> T,
        completion: @escaping @Sendable (Result<T, any Error>) -> Void
    ) {
        if !writes.submit(PendingRequest(body: body, completion: completion)) {
            completion(.failure(StorageError.closed))
        }
    }

    // MARK: Reading

    /// Runs `body` on a reader thread inside a read transaction: it sees one committed snapshot,
    /// never a batch in progress.
    public func read<T: Sendable>(_ body: @escaping @Sendable (ReadTransaction) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            read(body) { continuation.resume(with: $0) }
        }
    }

    /// Like `read(_:)`, but calls `completion` on a storage thread (the reader's, or the syncer's
    /// if the read saw a commit that was not yet durable).
    public func read<T: Sendable>(
        _ body: @escaping @Sendable (ReadTransaction) throws -> T,
        completion: @escaping @Sendable (Result<T, any Error>) -> Void
    ) {
        if !reads.submit(PendingRequest(body: body, completion: completion)) {
            completion(.failure(StorageError.closed))
        }
    }

    // MARK: Lifecycle

    /// Counters of the writer since the database was opened.
    public var writeStatistics: WriteStatistics {
        statistics.counters.withLock { $0 }
    }

    /// Runs the requests already queued, then closes every connection and stops the threads.
    /// Later requests fail with `StorageError.closed`. Also called on deinit.
    public func close() {
        let wasClosed = isClosed.withLock { isClosed in
            defer { isClosed = true }
            return isClosed
        }
        guard !wasClosed else { return }
        writes.close()
        reads.close()
        // Closing from inside a request (or dropping the last reference in a completion)
        // happens on a storage thread, which cannot wait for itself. The syncer stops last: the
        // writer and readers hand it their final results on the way out.
        for thread in threads + [syncerThread] {
            if thread === syncerThread { syncer.close() }
            if thread.isCurrent { thread.detach() } else { thread.join() }
        }
        notifier.close()
        if let temporaryDirectory { Self.removeDatabaseFiles(in: temporaryDirectory) }
    }

    /// Tests only: `hook` runs on the syncer thread before each fsync of the WAL (to hold a
    /// commit in the not-yet-durable state); returning a nonzero errno fails that fsync.
    func beforeSyncForTesting(_ hook: (@Sendable () -> Int32)?) {
        syncer.beforeSyncForTesting.withLock { $0 = hook }
    }

    // MARK: Feed plumbing used by Database+Feed

    var feedNotifier: FeedNotifier { notifier }

    // MARK: Temporary databases

    private static func makeTemporaryDirectory() throws -> String {
        var parent = "/dev/shm"
        if access(parent, W_OK) != 0 {
            parent = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        }
        var template = Array("\(parent)/sj-storage-XXXXXX".utf8CString)
        guard let directory = mkdtemp(&template) else {
            throw StorageError.cannotOpen(path: parent, message: "mkdtemp failed: errno \(errno)")
        }
        return String(cString: directory)
    }

    private static func removeDatabaseFiles(in directory: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            unlink(directory + "/db.sqlite" + suffix)
        }
        rmdir(directory)
    }
}
