import Logging
import PostgresNIO

/// The store's schema versions: the SQL of each, compiled into the binary from `Migrations/` (the same files
/// the scripts load with `psql`), applied in order, one transaction per version. Each version's last file
/// records its number in `meta.format_version`.
enum PostgresMigrations {
    /// The SQL that takes a store from the version before to `version`.
    struct Migration {
        var version: Int
        var sql: [String]
        /// Statements run once the version's transaction has committed, outside any transaction (`VACUUM`
        /// cannot run in one): upkeep that the upgrade makes worthwhile, not part of the format.
        var afterwards: [String] = []
    }

    static let all: [Migration] = [
        Migration(version: 1, sql: [text(PackageResources.v1_schema_sql), text(PackageResources.v1_search_sql)]),
        Migration(version: 2, sql: [text(PackageResources.v2_words_sql)]),
        Migration(version: 3, sql: [text(PackageResources.v3_changes_sql)]),
        Migration(version: 4, sql: [text(PackageResources.v4_change_log_sql)]),
        // The upgrade's UPDATE of the wordless codes leaves their old row versions in the new partial indexes
        // until codes is vacuumed; ANALYZE gives the planner the new column's statistics.
        Migration(version: 5, sql: [text(PackageResources.v5_wordless_sql)],
                  afterwards: ["VACUUM ANALYZE semhash.codes"]),
    ]

    static var latestVersion: Int { all[all.count - 1].version }

    /// The advisory lock migrations take ("semh"), so that processes opening one new database at once create
    /// its schema once.
    private static let lockKey = 0x7365_6D68

    /// The stored format version, or nil when the database has no semhash schema.
    static func storedVersion(_ connection: PostgresConnection, logger: Logger, location: PostgresLocation)
        async throws -> Int?
    {
        let exists = try await connection.query("SELECT to_regclass('semhash.meta') IS NOT NULL", logger: logger)
            .collect()[0].decode(Bool.self)
        guard exists else { return nil }
        let rows = try await connection.query(
            "SELECT value FROM semhash.meta WHERE key = 'format_version'", logger: logger).collect()
        guard let text = try rows.first?.decode(String.self) else {
            throw PostgresStoreError.corrupt(location.description, "meta has no format_version")
        }
        guard let version = Int(text) else {
            throw PostgresStoreError.corrupt(location.description, "meta format_version is not an integer: \(text)")
        }
        return version
    }

    /// Creates or upgrades the schema to the latest version and returns the version found after it (newer
    /// than this build knows when another semhash upgraded it: then nothing is changed).
    ///
    /// The lock is taken before each version's transaction begins, not inside it: a transaction that began
    /// before another process committed the schema can still miss it after waiting for the lock (its catalog
    /// was read at its start), and would create the schema a second time.
    static func migrate(_ connection: PostgresConnection, logger: Logger, location: PostgresLocation) async throws
        -> Int?
    {
        try await connection.query("SELECT pg_advisory_lock(\(lockKey))", logger: logger)
        do {
            let version = try await migrateHoldingTheLock(connection, logger: logger, location: location)
            try await connection.query("SELECT pg_advisory_unlock(\(lockKey))", logger: logger)
            return version
        } catch {
            _ = try? await connection.query("SELECT pg_advisory_unlock(\(lockKey))", logger: logger)
            throw error
        }
    }

    private static func migrateHoldingTheLock(_ connection: PostgresConnection, logger: Logger,
                                              location: PostgresLocation) async throws -> Int? {
        while true {
            try await connection.query("BEGIN", logger: logger)
            let applied: Migration
            do {
                let found = try await storedVersion(connection, logger: logger, location: location) ?? 0
                guard let next = all.first(where: { $0.version > found }) else {
                    try await connection.query("COMMIT", logger: logger)
                    return found
                }
                for sql in next.sql {
                    for statement in SQLStatements.split(sql) {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                }
                try await connection.query("RESET search_path", logger: logger)
                try await connection.query("COMMIT", logger: logger)
                applied = next
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
            for statement in applied.afterwards {
                try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
            }
        }
    }

    private static func text(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}
