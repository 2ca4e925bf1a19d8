import Foundation

/// One semhash index file: the vocabulary, the documents and their bags of words, the trained model, the
/// codes and hashes, and the topics, in a single SQLite database.
///
/// Open with `create`, `open` or `openOrCreate`; the file is closed when the store is released. Writes go
/// through `write { }` (one `BEGIN IMMEDIATE` transaction; nested calls become savepoints); the
/// mutating methods open their own transaction when called outside one, so batch many of them inside a
/// single `write` for speed. A store is used from one thread at a time. Several processes may read an index
/// while one writes (write-ahead log); a second writer waits up to `IndexOptions.busyTimeout`, then fails
/// with `IndexError.busy`.
public final class IndexStore {
    /// Whether the store may change the file.
    public enum Mode: Sendable {
        case readOnly
        case readWrite
    }

    /// The path of the index file.
    public let path: String
    public let mode: Mode
    public let options: IndexOptions
    /// The format version of the open file (after any migration).
    public let formatVersion: Int
    let connection: SQLiteConnection
    private var writeDepth = 0
    private var readDepth = 0

    private init(connection: SQLiteConnection, mode: Mode, options: IndexOptions, formatVersion: Int) {
        self.connection = connection
        self.path = connection.path
        self.mode = mode
        self.options = options
        self.formatVersion = formatVersion
    }

    // MARK: Opening

    /// Creates a new, empty index at `path` in the current format; fails if anything exists at `path`.
    public static func create(at path: String, options: IndexOptions = IndexOptions()) throws(IndexError)
        -> IndexStore
    {
        try create(at: path, options: options, migrations: .schema)
    }

    /// Opens an existing index. A read-write open upgrades an older format; a read-only open reads a format
    /// this build can read as it is (`formatVersion` then tells which) and fails with `olderFormat` for an
    /// older one.
    public static func open(at path: String, mode: Mode, options: IndexOptions = IndexOptions())
        throws(IndexError) -> IndexStore
    {
        try open(at: path, mode: mode, options: options, migrations: .schema)
    }

    /// Opens the index at `path` for reading and writing, creating it when no file exists there.
    ///
    /// An empty SQLite database at `path` (a zero-length file, or one without any table) is what a `create`
    /// interrupted before its schema committed leaves behind (a killed `semhash index`, or a concurrent
    /// `openOrCreate` that has not finished): its creation is completed instead of refusing the file.
    public static func openOrCreate(at path: String, options: IndexOptions = IndexOptions()) throws(IndexError)
        -> IndexStore
    {
        if FileManager.default.fileExists(atPath: path) {
            return try open(at: path, mode: .readWrite, options: options, migrations: .schema,
                            finishingCreation: true)
        }
        return try create(at: path, options: options)
    }

    /// Deletes the index at `path` (with its write-ahead log) when it holds no document, and does nothing
    /// otherwise: for a command whose first run on a new index failed before storing anything.
    public static func removeIfEmpty(at path: String) {
        guard (try? open(at: path, mode: .readOnly).documentCount()) == 0 else { return }
        removeFiles(at: path)
    }

    /// Deletes the SQLite file at `path` with its write-ahead log and shared-memory file, whichever exist.
    public static func removeFiles(at path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    static func create(at path: String, options: IndexOptions, migrations: IndexMigrations) throws(IndexError)
        -> IndexStore
    {
        guard !FileManager.default.fileExists(atPath: path) else { throw .alreadyExists(path) }
        do {
            let connection = try SQLiteConnection(path: path, access: .readWriteCreate,
                                                  busyTimeout: options.busyTimeout)
            try configureForWriting(connection)
            try migrations.migrate(connection)
            return IndexStore(connection: connection, mode: .readWrite, options: options,
                              formatVersion: migrations.latestVersion)
        } catch {
            removeFiles(at: path)
            throw error
        }
    }

    /// Opens an existing index; with `finishingCreation` (read-write only), an empty SQLite database counts
    /// as an index at version 0 and is migrated to the current schema.
    static func open(at path: String, mode: Mode, options: IndexOptions, migrations: IndexMigrations,
                     finishingCreation: Bool = false) throws(IndexError) -> IndexStore
    {
        precondition(!finishingCreation || mode == .readWrite, "only a read-write open can finish a creation")
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw .notFound(path) }
        guard !isFolder.boolValue else { throw .folder(path) }
        let writable = isWritable(path)
        // A file nobody may write, without a write-ahead log to replay, cannot change while it is read.
        let unchanging = !writable && access(path + "-wal", F_OK) != 0
        // A reader of a file it may write opens it as a writer does, for statements that only read, so that
        // closing as the last connection removes the write-ahead log files (`SQLiteConnection.Access.queryOnly`).
        let connectionAccess: SQLiteConnection.Access = unchanging ? .readOnlyImmutable
            : !writable ? .readOnly : mode == .readWrite ? .readWrite : .queryOnly
        let connection = try SQLiteConnection(path: path, access: connectionAccess, busyTimeout: options.busyTimeout)
        try connection.execute("PRAGMA foreign_keys = ON")
        let isUnfinished = try isEmptyDatabase(connection)
        guard finishingCreation || !isUnfinished else { throw .unfinished(path) }
        let found = isUnfinished ? 0 : try verifiedVersion(of: connection)
        guard found <= migrations.latestVersion else {
            throw .newerFormat(path, found: found, supported: migrations.latestVersion)
        }
        guard mode == .readOnly || writable else { throw .readOnly(path) }
        switch mode {
        case .readOnly:
            guard found >= migrations.oldestReadableVersion else {
                throw .olderFormat(path, found: found, supported: migrations.latestVersion)
            }
        case .readWrite:
            try configureForWriting(connection)
            try migrations.migrate(connection)
        }
        return IndexStore(connection: connection, mode: mode, options: options,
                          formatVersion: mode == .readOnly ? found : migrations.latestVersion)
    }

    /// Whether this process may change the index at `path`: write the file and, unless its write-ahead log
    /// exists already, create the log and shared-memory files beside it. False on read-only media, for a
    /// file without write permission, and for an immutable file (which even root cannot write).
    private static func isWritable(_ path: String) -> Bool {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return access(path, W_OK) == 0 && (access(path + "-wal", F_OK) == 0 || access(folder, W_OK) == 0)
    }

    /// The format version of a file that carries the semhash application id and a `meta` table;
    /// anything else is not an index.
    private static func verifiedVersion(of connection: SQLiteConnection) throws(IndexError) -> Int {
        let applicationID = try connection.withStatement("PRAGMA application_id") {
            statement throws(IndexError) in
            _ = try statement.step()
            return statement.int64(at: 0)
        }
        guard applicationID == Int64(IndexFormat.applicationID) else { throw .notAnIndex(connection.path) }
        let version = try IndexMigrations.storedVersion(of: connection)
        guard version > 0 else { throw .notAnIndex(connection.path) }
        return version
    }

    /// True when the database has no application id and no schema object at all: nothing was ever committed
    /// to it. A file that is not a database fails here with `notAnIndex`.
    private static func isEmptyDatabase(_ connection: SQLiteConnection) throws(IndexError) -> Bool {
        try connection.withStatement(
            "SELECT (SELECT application_id FROM pragma_application_id) = 0 AND NOT EXISTS (SELECT 1 FROM sqlite_master)"
        ) { statement throws(IndexError) in
            _ = try statement.step()
            return statement.int64(at: 0) == 1
        }
    }

    /// Write-ahead logging (readers never block the writer), foreign keys (cascading removals), and
    /// `synchronous = NORMAL` (durable at checkpoints; safe against corruption in WAL mode).
    private static func configureForWriting(_ connection: SQLiteConnection) throws(IndexError) {
        try connection.execute("PRAGMA foreign_keys = ON")
        try connection.execute("PRAGMA journal_mode = WAL")
        try connection.execute("PRAGMA synchronous = NORMAL")
    }

    // MARK: Transactions

    /// Runs `body` in a write transaction (`BEGIN IMMEDIATE` … `COMMIT`) and returns its result.
    ///
    /// If `body` throws, the transaction is rolled back and the error rethrown, leaving the index as it was.
    /// Nested calls run in a savepoint of the enclosing transaction. Fails with `readOnly` on a read-only
    /// store and with `busy` when another process keeps writing longer than the busy timeout.
    /// Calling `write` inside `read` is a programmer error.
    public func write<T>(_ body: () throws -> T) throws -> T {
        try performWrite(body).get()
    }

    /// Runs `body` in a read transaction, so that all its reads see one consistent snapshot of the file
    /// even while another process writes. Inside `write` or another `read`, `body` just runs.
    public func read<T>(_ body: () throws -> T) throws -> T {
        try performRead(body).get()
    }

    /// `write` for bodies that only throw `IndexError`, keeping the error type.
    func writeIndex<T>(_ body: () throws(IndexError) -> T) throws(IndexError) -> T {
        try performWrite(body).get()
    }

    /// `read` for bodies that only throw `IndexError`, keeping the error type.
    func readIndex<T>(_ body: () throws(IndexError) -> T) throws(IndexError) -> T {
        try performRead(body).get()
    }

    /// Runs `body` in a write transaction or savepoint; transaction control errors are thrown, the body's
    /// outcome is returned (after a rollback when it failed).
    private func performWrite<T, E: Error>(_ body: () throws(E) -> T) throws(IndexError) -> Result<T, E> {
        precondition(readDepth == 0, "write inside read: start the write transaction first")
        guard mode == .readWrite else { throw .readOnly(path) }
        try connection.run(writeDepth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT nested_write")
        let changesBefore = connection.totalChanges
        writeDepth += 1
        let result: Result<T, E>
        do { result = .success(try body()) } catch { result = .failure(error) }
        writeDepth -= 1
        switch result {
        case .success:
            do {
                // A transaction that changed no row leaves the file as it was, count included.
                if writeDepth == 0 && connection.totalChanges != changesBefore { try connection.countCommit() }
                try connection.run(writeDepth == 0 ? "COMMIT" : "RELEASE nested_write")
            } catch {
                rollback()
                throw error
            }
        case .failure:
            rollback()
        }
        return result
    }

    private func performRead<T, E: Error>(_ body: () throws(E) -> T) throws(IndexError) -> Result<T, E> {
        guard readDepth == 0, writeDepth == 0 else {
            do { return .success(try body()) } catch { return .failure(error) }
        }
        try connection.run("BEGIN DEFERRED")
        readDepth += 1
        let result: Result<T, E>
        do { result = .success(try body()) } catch { result = .failure(error) }
        readDepth -= 1
        do {
            try connection.run("COMMIT")
        } catch {
            rollback()
            throw error
        }
        return result
    }

    /// Undoes the innermost transaction level (`writeDepth` already decremented). Errors of the rollback
    /// itself are not thrown: the error that caused it is the one worth reporting, and SQLite may already
    /// have rolled back on its own (after a full disk, for example).
    private func rollback() {
        if writeDepth > 0 {
            try? connection.run("ROLLBACK TO nested_write")
            try? connection.run("RELEASE nested_write")
        } else if connection.isInTransaction {
            try? connection.run("ROLLBACK")
        }
    }

    /// How many write transactions semhash committed to the file (`PRAGMA user_version`, counted by every
    /// `write` that changed a row, and every migration; it wraps around). Read inside `read`, it names the commit that read
    /// transaction sees, so two reads, on any connections, see the same committed state exactly when they
    /// read the same count: how the server checks that a request's rows belong to the codes it answers
    /// from. Writes of semhash versions before the count are not counted.
    public func commitCount() throws(IndexError) -> Int64 {
        try connection.commitCount()
    }

    /// A number that changes whenever another connection (another process, or another store on the same file)
    /// commits a change to the index: SQLite's `PRAGMA data_version`. Only differences between two calls on
    /// the same store mean anything; a long-running reader polls it to notice a new committed state.
    public func dataVersion() throws(IndexError) -> Int64 {
        try connection.withStatement("PRAGMA data_version") { statement throws(IndexError) in
            _ = try statement.step()
            return statement.int64(at: 0)
        }
    }

    // MARK: Meta and settings

    /// The value of a user setting, or nil when it was never set.
    public func setting(_ name: IndexSetting) throws(IndexError) -> String? {
        try metaValue(name.metadataKey)
    }

    /// Stores a user setting, replacing any previous value.
    public func setSetting(_ name: IndexSetting, _ value: String) throws(IndexError) {
        try writeIndex { () throws(IndexError) in try setMetaValue(name.metadataKey, value) }
    }

    /// Every row of `meta` (format version, creation time and version, settings), for `semhash info`.
    public func metadata() throws(IndexError) -> [String: String] {
        try connection.withStatement("SELECT key, value FROM meta") { statement throws(IndexError) in
            var values: [String: String] = [:]
            while try statement.step() { values[statement.text(at: 0)] = statement.text(at: 1) }
            return values
        }
    }

    func metaValue(_ key: String) throws(IndexError) -> String? {
        try connection.withStatement("SELECT value FROM meta WHERE key = ?") { statement throws(IndexError) in
            try statement.bind(key, at: 1)
            return try statement.step() ? statement.text(at: 0) : nil
        }
    }

    /// An integer `meta` value; a value that is not an integer means the file is damaged.
    func metaInteger(_ key: String) throws(IndexError) -> Int? {
        guard let text = try metaValue(key) else { return nil }
        guard let value = Int(text) else { throw .corrupt(path, "meta \(key) is not an integer: \(text)") }
        return value
    }

    func setMetaValue(_ key: String, _ value: String) throws(IndexError) {
        try connection.run(
            "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value"
        ) { statement throws(IndexError) in
            try statement.bind(key, at: 1)
            try statement.bind(value, at: 2)
        }
    }

    func removeMetaValue(_ key: String) throws(IndexError) {
        try connection.run("DELETE FROM meta WHERE key = ?") { statement throws(IndexError) in
            try statement.bind(key, at: 1)
        }
    }

    // MARK: Checking

    /// The problems SQLite finds in the file, empty when it is sound: `PRAGMA integrity_check` (or the
    /// faster `quick_check`, which skips verifying that indexes match their tables), followed by
    /// `PRAGMA foreign_key_check` (codes or topic assignments of documents that no longer exist).
    public func integrityCheck(quick: Bool = false) throws(IndexError) -> [String] {
        try readIndex { () throws(IndexError) in
            var problems: [String] = []
            let check = try connection.prepare(quick ? "PRAGMA quick_check" : "PRAGMA integrity_check")
            while try check.step() {
                let line = check.text(at: 0)
                if line != "ok" { problems.append(line) }
            }
            let foreignKeys = try connection.prepare("PRAGMA foreign_key_check")
            while try foreignKeys.step() {
                // A damaged page can list the same row many times; one line says it.
                let problem = "row \(foreignKeys.int64(at: 1)) of \(foreignKeys.text(at: 0)) refers to a "
                    + "missing row of \(foreignKeys.text(at: 2))"
                if problems.last != problem { problems.append(problem) }
            }
            return problems
        }
    }
}

/// A store wraps one SQLite connection and its transaction state, which must not be shared between
/// threads: open one store per thread or task instead.
@available(*, unavailable)
extension IndexStore: Sendable {}
