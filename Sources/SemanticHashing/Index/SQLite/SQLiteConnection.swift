import CSQLite

/// One SQLite database connection: the thin wrapper the index layer talks to SQLite through.
///
/// Every result code is checked and turned into an `IndexError` naming the file. Prepared statements are
/// cached by SQL text and reused, so a loop that inserts thousands of rows prepares its statement once.
/// The connection is closed when the wrapper is released (after its cached statements are finalized).
/// A connection must be used from one thread at a time (it is opened with `SQLITE_OPEN_NOMUTEX`).
final class SQLiteConnection {
    /// How the file is opened.
    enum Access {
        /// Read-only for SQLite: the file is opened without write access.
        case readOnly
        /// Read-only for statements (SQLite's `query_only`: any change fails with `IndexError.readOnly`) on a
        /// file opened for reading and writing: a reader of a file it may write. Reading an index in WAL mode
        /// creates its `-wal` and `-shm` files when they are missing; the last connection to close checkpoints
        /// and deletes them under an exclusive lock on the file, which a connection opened read-only cannot
        /// take (its descriptor is read-only: the lock fails with `EBADF`), so `readOnly` leaves both behind.
        /// This connection removes them as a writer's close does, and like any connection leaves them while
        /// another connection has the file open, or when the path no longer names the file it opened (SQLite
        /// checks before the lock: moved, or removed and made anew).
        case queryOnly
        /// Read-only, promising SQLite that nothing changes the file (SQLite's `immutable=1`): no lock and no
        /// `-shm` file is needed, so an index on read-only media opens although it is in WAL mode.
        case readOnlyImmutable
        case readWrite
        /// Read-write, creating the file when it does not exist.
        case readWriteCreate
    }

    /// The file path, reported with every error.
    let path: String
    private let handle: OpaquePointer
    private var cachedStatements: [String: SQLiteStatement] = [:]

    /// Opens `path` with extended result codes and a busy timeout: a statement that finds the file locked
    /// by another connection retries for up to `busyTimeout` before failing with `IndexError.busy`.
    init(path: String, access: Access, busyTimeout: Duration) throws(IndexError) {
        var flags = SQLITE_OPEN_NOMUTEX
        switch access {
        case .readOnly: flags |= SQLITE_OPEN_READONLY
        case .queryOnly: flags |= SQLITE_OPEN_READWRITE
        case .readOnlyImmutable: flags |= SQLITE_OPEN_READONLY | SQLITE_OPEN_URI
        case .readWrite: flags |= SQLITE_OPEN_READWRITE
        case .readWriteCreate: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        }
        var opened: OpaquePointer?
        let code = sqlite3_open_v2(access == .readOnlyImmutable ? Self.immutableURI(path) : path, &opened, flags, nil)
        guard let database = opened else {
            throw .sqlite(code: code, message: "SQLite could not allocate a connection", sql: nil)
        }
        func fail(_ code: Int32) -> IndexError {
            let message = String(cString: sqlite3_errmsg(database))
            sqlite3_close_v2(database)
            return IndexError(sqliteCode: code, message: message, sql: nil, path: path)
        }
        guard code == SQLITE_OK else { throw fail(code) }
        let extended = sqlite3_extended_result_codes(database, 1)
        guard extended == SQLITE_OK else { throw fail(extended) }
        let timeout = sqlite3_busy_timeout(database, Self.milliseconds(busyTimeout))
        guard timeout == SQLITE_OK else { throw fail(timeout) }
        self.handle = database
        self.path = path
        if access == .queryOnly { try execute("PRAGMA query_only = ON") }
        if access != .readWrite && access != .readWriteCreate {
            // Readers map the file instead of copying page by page: a model's weights (megabytes of overflow
            // pages) then load at the speed of a file read.
            try execute("PRAGMA mmap_size = \(Self.readerMapSize)")
        }
    }

    /// Bytes of the file a read-only connection maps into memory (SQLite's `mmap_size`).
    static let readerMapSize = 1 << 30

    deinit {
        cachedStatements.removeAll()
        // sqlite3_close_v2 only fails for an invalid handle; it defers the close while statements live.
        sqlite3_close_v2(handle)
    }

    /// Runs one or more `;`-separated statements that return no rows needed (schema, pragmas,
    /// transaction control that is not cached).
    func execute(_ sql: String) throws(IndexError) {
        let code = sqlite3_exec(handle, sql, nil, nil, nil)
        if code != SQLITE_OK { throw error(code, sql: sql) }
    }

    /// Prepares a statement of its own, not shared with the cache (for one-off SQL).
    func prepare(_ sql: String) throws(IndexError) -> SQLiteStatement {
        var prepared: OpaquePointer?
        let code = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &prepared, nil)
        guard code == SQLITE_OK else { throw error(code, sql: sql) }
        guard let prepared else {
            preconditionFailure("SQL without a statement: \(sql)")
        }
        return SQLiteStatement(handle: prepared, sql: sql, path: path)
    }

    /// Lends the cached statement for `sql` to `body` and resets it afterwards; a nested use of the same
    /// SQL while the cached statement is lent out gets a freshly prepared one.
    func withStatement<R>(_ sql: String, _ body: (SQLiteStatement) throws(IndexError) -> R) throws(IndexError) -> R {
        let statement = try borrowStatement(sql)
        defer { returnStatement(statement) }
        return try body(statement)
    }

    /// The cached statement for `sql`, marked in use; pair with `returnStatement`.
    /// `withStatement` is the usual way; this pair serves bodies whose errors are not `IndexError`.
    func borrowStatement(_ sql: String) throws(IndexError) -> SQLiteStatement {
        if let cached = cachedStatements[sql], !cached.isInUse {
            cached.isInUse = true
            return cached
        }
        let statement = try prepare(sql)
        if cachedStatements[sql] == nil { cachedStatements[sql] = statement }
        statement.isInUse = true
        return statement
    }

    /// Resets a statement from `borrowStatement` and makes it available again.
    func returnStatement(_ statement: SQLiteStatement) {
        statement.reset()
        statement.isInUse = false
    }

    /// Runs a cached statement to completion with parameters bound by `bind`.
    func run(_ sql: String, _ bind: (SQLiteStatement) throws(IndexError) -> Void = { _ in }) throws(IndexError) {
        try withStatement(sql) { statement throws(IndexError) in
            try bind(statement)
            try statement.run()
        }
    }

    /// The blob in `column` of the row `rowID` of `table`, read through SQLite's incremental blob I/O: one
    /// copy straight into the result, several times faster than `sqlite3_column_blob` for blobs of megabytes,
    /// which SQLite would otherwise assemble from their overflow pages first.
    func readBlob(table: String, column: String, rowID: Int64) throws(IndexError) -> [UInt8] {
        try withBlob(table: table, column: column, rowID: rowID) { blob throws(IndexError) in
            try blob.read(offset: 0, count: blob.count)
        }
    }

    /// Lends `body` the blob in `column` of the row `rowID` of `table`, open for reading parts of it (SQLite's
    /// incremental blob I/O: a part costs the pages it spans, not the whole blob).
    func withBlob<R>(table: String, column: String, rowID: Int64,
                     _ body: (SQLiteBlob) throws(IndexError) -> R) throws(IndexError) -> R {
        var opened: OpaquePointer?
        let code = sqlite3_blob_open(handle, "main", table, column, rowID, 0, &opened)
        let description = "blob \(table).\(column) of row \(rowID)"
        guard code == SQLITE_OK, let handle = opened else {
            let failure = error(code, sql: description)
            sqlite3_blob_close(opened)
            throw failure
        }
        defer { sqlite3_blob_close(handle) }
        return try body(SQLiteBlob(handle: handle, path: path, description: description) { code in
            self.error(code, sql: description)
        })
    }

    /// True while a transaction is open on this connection.
    var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// Rows changed by every INSERT, UPDATE or DELETE since the connection opened.
    var totalChanges: Int64 { sqlite3_total_changes64(handle) }

    /// Rows changed by the most recent INSERT, UPDATE or DELETE.
    var changes: Int { Int(sqlite3_changes64(handle)) }

    /// The rowid of the most recent successful INSERT.
    var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// The error for a failing result code, with SQLite's current message.
    func error(_ code: Int32, sql: String?) -> IndexError {
        IndexError(sqliteCode: code, message: String(cString: sqlite3_errmsg(handle)), sql: sql, path: path)
    }

    /// `path` as a `file:` URI with `immutable=1`, the characters that URIs reserve percent-encoded.
    private static func immutableURI(_ path: String) -> String {
        var escaped = ""
        for character in path {
            switch character {
            case "%": escaped += "%25"
            case "?": escaped += "%3f"
            case "#": escaped += "%23"
            default: escaped.append(character)
            }
        }
        return "file:\(escaped)?immutable=1"
    }

    private static func milliseconds(_ duration: Duration) -> Int32 {
        let (seconds, attoseconds) = duration.components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return Int32(clamping: max(0, milliseconds))
    }
}

/// A blob open for reading (`SQLiteConnection.withBlob`); valid only inside the body it is lent to.
struct SQLiteBlob {
    fileprivate let handle: OpaquePointer
    fileprivate let path: String
    fileprivate let description: String
    fileprivate let error: (Int32) -> IndexError

    /// The blob's size in bytes.
    var count: Int { Int(sqlite3_blob_bytes(handle)) }

    /// The `count` bytes from `offset`; throws `IndexError.corrupt` for a range past the blob's end.
    func read(offset: Int, count: Int) throws(IndexError) -> [UInt8] {
        var status: IndexError?
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            do throws(IndexError) {
                try read(offset: offset, into: UnsafeMutableRawBufferPointer(buffer))
            } catch {
                status = error
            }
            initialized = count
        }
        if let status { throw status }
        return bytes
    }

    /// Fills `buffer` with the bytes from `offset`; throws `IndexError.corrupt` for a range past the blob's end.
    func read(offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws(IndexError) {
        guard offset >= 0, offset + buffer.count <= self.count else {
            throw .corrupt(path, "bytes \(offset)..<\(offset + buffer.count) of the \(description) lie past its \(self.count) bytes")
        }
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return }
        let status = sqlite3_blob_read(handle, base, Int32(buffer.count), Int32(offset))
        guard status == SQLITE_OK else { throw error(status) }
    }
}

extension IndexError {
    /// Maps a failing SQLite result code to the case a user can act on.
    ///
    /// `code` may be an extended result code; its low byte is the primary code.
    init(sqliteCode code: Int32, message: String, sql: String?, path: String) {
        switch code & 0xFF {
        case SQLITE_BUSY, SQLITE_LOCKED: self = .busy(path)
        case SQLITE_FULL: self = .diskFull(path)
        case SQLITE_READONLY: self = .readOnly(path)
        case SQLITE_CORRUPT: self = .corrupt(path, message)
        case SQLITE_NOTADB: self = .notAnIndex(path)
        case SQLITE_CANTOPEN: self = .cannotOpen(path, message)
        default: self = .sqlite(code: code, message: message, sql: sql)
        }
    }
}
