import Logging
import NIOCore
import PostgresNIO
import SemanticHashing

/// A semhash store in a PostgreSQL database: the schema `semhash` (documented in
/// `Scripts/postgres/SCHEMA-postgres.md`), reached through one PostgresNIO connection.
///
/// `open` connects and, when asked to, creates the schema or upgrades it: versioned migrations compiled into
/// the binary (`Migrations/`), each in one transaction, under an advisory lock so that processes opening the
/// same new database at once create it once. Every write is one transaction (`transaction`). The store is
/// used by one task at a time; open one per task for concurrent work (the server is built for many
/// connections).
public final class PostgresStore: Sendable {
    /// The format version this build writes (`meta.format_version`).
    public static let latestFormatVersion = PostgresMigrations.latestVersion

    public let location: PostgresLocation
    /// The store's format version after any migration.
    public let formatVersion: Int
    let connection: PostgresConnection
    let logger: Logger

    private init(location: PostgresLocation, formatVersion: Int, connection: PostgresConnection, logger: Logger) {
        self.location = location
        self.formatVersion = formatVersion
        self.connection = connection
        self.logger = logger
    }

    /// What opening a store may change.
    public enum Opening: Sendable {
        /// The store must exist (`noStore` otherwise) and is read in its format (readers).
        case existing
        /// The store must exist and is upgraded to the latest format (writers, replicas).
        case upgrading
        /// The schema is created in a database without one, or upgraded (`semhash copy` into PostgreSQL).
        case creating
    }

    /// Connects to the store at `location`, opening it as `opening` says.
    public static func open(_ location: PostgresLocation, _ opening: Opening) async throws -> PostgresStore {
        let logger = Logger(label: "semhash.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: try location.connectionConfiguration(), id: 1,
                                                              logger: logger)
        } catch {
            throw PostgresStoreError.wrapping(error, at: location)
        }
        do {
            var version = try await PostgresMigrations.storedVersion(connection, logger: logger, location: location)
            if opening == .creating || (opening == .upgrading && version != nil) {
                version = try await PostgresMigrations.migrate(connection, logger: logger, location: location)
            }
            guard let version else { throw PostgresStoreError.noStore(location.description) }
            guard version <= latestFormatVersion else {
                throw PostgresStoreError.newerFormat(location.description, found: version, supported: latestFormatVersion)
            }
            return PostgresStore(location: location, formatVersion: version, connection: connection, logger: logger)
        } catch {
            try? await connection.close()
            throw PostgresStoreError.wrapping(error, at: location)
        }
    }

    /// What tells this store from another reached by the same URL (a database dropped and created again,
    /// another server): the database's object id and the store's creation time.
    public func identity() async throws -> String {
        try await rows("""
            SELECT (SELECT oid FROM pg_database WHERE datname = current_database())::text || '/'
                || coalesce((SELECT value FROM semhash.meta WHERE key = 'created_at'), '')
            """)[0].decode(String.self)
    }

    /// Opens the store at `location` as `opening` says, runs `body` with it, and closes it whether `body`
    /// returns or throws.
    public static func using<T>(_ location: PostgresLocation, _ opening: Opening,
                                _ body: (PostgresStore) async throws -> T) async throws -> T {
        let store = try await open(location, opening)
        do {
            let result = try await body(store)
            await store.close()
            return result
        } catch {
            await store.close()
            throw error
        }
    }

    /// Closes the connection.
    public func close() async {
        try? await connection.close()
    }

    // MARK: Running SQL

    /// Throws `connectionLost` once the connection has closed: PostgresNIO (1.33) never answers a query sent on
    /// a closed connection, so a command would wait forever for it.
    private func checkOpen() throws(PostgresStoreError) {
        guard !connection.isClosed else { throw .connectionLost(location.description) }
    }

    /// Runs `query` and returns its rows; a server error becomes `PostgresStoreError.server`.
    @discardableResult
    func query(_ query: PostgresQuery) async throws -> PostgresRowSequence {
        try checkOpen()
        do {
            return try await connection.query(query, logger: logger)
        } catch {
            throw PostgresStoreError.wrapping(error, at: location)
        }
    }

    /// Runs `query` and collects every row.
    func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        try checkOpen()
        do {
            return try await connection.query(query, logger: logger).collect()
        } catch {
            throw PostgresStoreError.wrapping(error, at: location)
        }
    }

    /// Runs `body`'s reads in one snapshot of the store (a `REPEATABLE READ READ ONLY` transaction): what
    /// several statements read is one committed state, whatever writers commit meanwhile.
    func snapshot<T>(_ body: () async throws -> T) async throws -> T {
        try await transaction(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
    }

    /// Runs `body` in one transaction (`begin` opens it: `BEGIN`, or `BEGIN ISOLATION LEVEL …`): committed
    /// when it returns, rolled back when it throws, leaving the store as it was.
    ///
    /// With `lockWait`, a statement that waits longer than that for a lock another transaction holds (another
    /// writer, a training adopting its model) fails, and the transaction with it, with `IndexError.busy`, as a
    /// SQLite write fails after its busy timeout; without, it waits as long as the lock is held.
    func transaction<T>(begin: String = "BEGIN", lockWait: Duration? = nil, _ body: () async throws -> T)
        async throws -> T
    {
        try await query(PostgresQuery(unsafeSQL: begin))
        if let lockWait {
            // PostgreSQL reads a lock_timeout of 0 as no timeout: a wait of 0 is the shortest it takes, 1 ms.
            let milliseconds = max(1, Int((lockWait.seconds * 1000).rounded(.up)))
            do {
                try await query(PostgresQuery(unsafeSQL: "SET LOCAL lock_timeout = \(milliseconds)"))
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
        }
        let result: T
        do {
            result = try await body()
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
        try await query("COMMIT")
        return result
    }

    /// Streams `COPY table (columns) FROM STDIN` in text format (`table` unqualified, found on the search
    /// path: PostgresNIO quotes it whole): `body` appends rows (`CopyText`) and calls
    /// `send` whenever it wants the buffer sent.
    func copy(into table: String, columns: [String],
              _ body: (_ send: (inout ByteBuffer) async throws -> Void) async throws -> Void) async throws {
        try checkOpen()
        do {
            try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
                try await body { buffer in
                    try await writer.write(buffer)
                    buffer.clear()
                }
            }
        } catch {
            throw PostgresStoreError.wrapping(error, at: location)
        }
    }

    // MARK: Meta

    /// Every row of `semhash.meta`.
    public func metadata() async throws -> [String: String] {
        var values: [String: String] = [:]
        for row in try await rows("SELECT key, value FROM semhash.meta") {
            let (key, value) = try row.decode((String, String).self)
            values[key] = value
        }
        return values
    }

    /// The number of documents and of codes.
    public func counts() async throws -> (documents: Int, codes: Int) {
        let row = try await rows(
            "SELECT (SELECT count(*) FROM semhash.documents), (SELECT count(*) FROM semhash.codes)")[0]
        let (documents, codes) = try row.decode((Int, Int).self)
        return (documents, codes)
    }

    /// The stored model's architecture JSON (`ModelArchitecture`), or nil when the store has no model.
    public func modelArchitectureJSON() async throws -> String? {
        try await rows("SELECT architecture FROM semhash.model").first?.decode(String.self)
    }

    /// The number of topics stored, not counting the group of unassigned documents.
    public func topicCount() async throws -> Int {
        try await rows("SELECT count(*) FROM semhash.topics WHERE id <> \(unescaped: String(UnassignedGroup.id))")[0].decode(Int.self)
    }
}
