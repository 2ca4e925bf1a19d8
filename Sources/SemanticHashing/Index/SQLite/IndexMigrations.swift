/// The ordered schema migrations that bring an index file from any older format version to the current one
/// (in the spirit of GRDB's `DatabaseMigrator`).
///
/// Migration `v` holds the SQL that turns a version `v - 1` file into a version `v` file; version 0 is an
/// empty database. Each migration runs in its own `BEGIN IMMEDIATE` transaction, which also records the new
/// `format_version` in `meta` and sets `PRAGMA application_id`, so a file is never left half-migrated and
/// two processes migrating at once apply each step once.
struct IndexMigrations: Sendable {
    struct Migration: Sendable {
        let version: Int
        let sql: String
    }

    let migrations: [Migration]
    /// The oldest version this build reads without upgrading it (a read-only open), because its readers
    /// handle what the later migrations added; older files must be opened for writing once.
    let oldestReadableVersion: Int

    /// - Parameter readableFrom: the oldest version read as it is; by default only the latest.
    init(_ migrations: [Migration], readableFrom: Int? = nil) {
        for (offset, migration) in migrations.enumerated() {
            precondition(migration.version == offset + 1, "migrations must be numbered 1, 2, 3, … in order")
        }
        self.migrations = migrations
        oldestReadableVersion = readableFrom ?? migrations.count
    }

    /// The migrations of this build; the last one's version is `IndexFormat.currentVersion`. Version 1 and 2
    /// files are read as they are: version 2 only added `vocabulary.word`, which readers take as absent, and
    /// version 3 an index that only makes finding the wordless documents fast.
    static let schema = IndexMigrations([
        Migration(version: 1, sql: IndexSchema.version1),
        Migration(version: 2, sql: IndexSchema.version2),
        Migration(version: 3, sql: IndexSchema.version3),
    ], readableFrom: 1)

    /// The version a fully migrated file has.
    var latestVersion: Int { migrations.count }

    /// The format version recorded in `meta`, or 0 when there is no `meta` table (an empty database).
    /// A `meta` table without a valid version means the file is damaged.
    static func storedVersion(of connection: SQLiteConnection) throws(IndexError) -> Int {
        let hasMeta = try connection.withStatement(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'"
        ) { statement throws(IndexError) in
            _ = try statement.step()
            return statement.int64(at: 0) > 0
        }
        guard hasMeta else { return 0 }
        let text = try connection.withStatement("SELECT value FROM meta WHERE key = ?") {
            statement throws(IndexError) -> String? in
            try statement.bind(IndexMetaKey.formatVersion, at: 1)
            return try statement.step() ? statement.text(at: 0) : nil
        }
        guard let text, let version = Int(text), version >= 1 else {
            throw .corrupt(connection.path, "meta has no valid format_version")
        }
        return version
    }

    /// Applies every migration newer than the file's version, one transaction each.
    ///
    /// A file already at `latestVersion` (or newer) is left untouched without taking the write lock.
    func migrate(_ connection: SQLiteConnection) throws(IndexError) {
        guard try Self.storedVersion(of: connection) < latestVersion else { return }
        for migration in migrations {
            try connection.execute("BEGIN IMMEDIATE")
            do {
                let stored = try Self.storedVersion(of: connection)
                if stored < migration.version {
                    try apply(migration, over: stored, on: connection)
                    try connection.countCommit()
                }
                try connection.execute("COMMIT")
            } catch {
                if connection.isInTransaction { try? connection.execute("ROLLBACK") }
                throw error
            }
        }
    }

    private func apply(_ migration: Migration, over stored: Int, on connection: SQLiteConnection)
        throws(IndexError)
    {
        try connection.execute(migration.sql)
        let upsert = "INSERT INTO meta(key, value) VALUES (?, ?) "
            + "ON CONFLICT(key) DO UPDATE SET value = excluded.value"
        if stored == 0 {
            try connection.run("INSERT INTO meta(key, value) VALUES (?, \(IndexSchema.now))") {
                statement throws(IndexError) in
                try statement.bind(IndexMetaKey.createdAt, at: 1)
            }
            try connection.run(upsert) { statement throws(IndexError) in
                try statement.bind(IndexMetaKey.semhashVersion, at: 1)
                try statement.bind(IndexFormat.semhashVersion, at: 2)
            }
        }
        try connection.execute("PRAGMA application_id = \(IndexFormat.applicationID)")
        try connection.run(upsert) { statement throws(IndexError) in
            try statement.bind(IndexMetaKey.formatVersion, at: 1)
            try statement.bind(String(migration.version), at: 2)
        }
    }
}

/// The constants that identify a semhash index file and its format.
public enum IndexFormat {
    /// The `PRAGMA application_id` of every semhash index: "semh" in ASCII. `file(1)` and SQLite tools show
    /// it, and opening refuses SQLite files without it.
    public static let applicationID: Int32 = 0x7365_6D68

    /// The newest format version this build reads and writes: the version of the last schema migration.
    public static var currentVersion: Int { IndexMigrations.schema.latestVersion }

    /// This build's semhash version: what `semhash --version` prints and `meta` records when an index is created.
    public static let semhashVersion = "0.1.0"
}

extension SQLiteConnection {
    /// semhash's count of committed write transactions, kept in `PRAGMA user_version` (see
    /// `IndexStore.commitCount`).
    func commitCount() throws(IndexError) -> Int64 {
        try withStatement("PRAGMA user_version") { statement throws(IndexError) in
            _ = try statement.step()
            return statement.int64(at: 0)
        }
    }

    /// Adds one to the commit count (wrapping around); called in every write transaction just before it
    /// commits, so the count and the changes commit together.
    func countCommit() throws(IndexError) {
        let next = Int32(truncatingIfNeeded: try commitCount()) &+ 1
        try execute("PRAGMA user_version = \(next)")
    }
}
