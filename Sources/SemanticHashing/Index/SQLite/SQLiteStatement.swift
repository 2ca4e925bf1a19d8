import CSQLite

/// One prepared SQLite statement: bind parameters, step through rows, read columns, reset.
///
/// Parameter indices are 1-based and column indices 0-based, as in SQLite. Every result code is checked
/// and turned into an `IndexError`; the statement is finalized when the wrapper is released.
/// Text and blobs are bound with `SQLITE_TRANSIENT`, so SQLite copies them and the Swift buffers may go
/// away as soon as the bind call returns.
final class SQLiteStatement {
    /// The SQL this statement was prepared from, reported with any error.
    let sql: String
    /// Set by `SQLiteConnection` while a cached statement is lent out, so that a nested use of the same
    /// SQL gets a statement of its own.
    var isInUse = false
    private let handle: OpaquePointer
    private let path: String

    init(handle: OpaquePointer, sql: String, path: String) {
        self.handle = handle
        self.sql = sql
        self.path = path
    }

    deinit {
        // sqlite3_finalize repeats the code of the last failed step, which was already reported.
        sqlite3_finalize(handle)
    }

    // MARK: Binding

    func bind(_ value: Int64, at index: Int32) throws(IndexError) {
        try check(sqlite3_bind_int64(handle, index, value))
    }

    func bind(_ value: Int, at index: Int32) throws(IndexError) {
        try bind(Int64(value), at: index)
    }

    func bind(_ value: Double, at index: Int32) throws(IndexError) {
        try check(sqlite3_bind_double(handle, index, value))
    }

    /// Binds UTF-8 text; an empty string binds as empty text, never as NULL.
    func bind(_ value: String, at index: Int32) throws(IndexError) {
        var text = value
        let code = text.withUTF8 { utf8 -> Int32 in
            guard let base = utf8.baseAddress, utf8.count > 0 else {
                return sqlite3_bind_text(handle, index, "", 0, semhash_sqlite_transient())
            }
            return sqlite3_bind_text64(handle, index, base, UInt64(utf8.count), semhash_sqlite_transient(),
                                       UInt8(SQLITE_UTF8))
        }
        try check(code)
    }

    /// Binds text, or NULL when `value` is nil.
    func bind(_ value: String?, at index: Int32) throws(IndexError) {
        if let value { try bind(value, at: index) } else { try bindNull(at: index) }
    }

    /// Binds a blob copied from `bytes`; an empty buffer binds as an empty blob, never as NULL.
    func bind(blob bytes: UnsafeRawBufferPointer, at index: Int32) throws(IndexError) {
        guard let base = bytes.baseAddress, bytes.count > 0 else {
            try check(sqlite3_bind_zeroblob(handle, index, 0))
            return
        }
        try check(sqlite3_bind_blob64(handle, index, base, UInt64(bytes.count), semhash_sqlite_transient()))
    }

    func bind(blob bytes: [UInt8], at index: Int32) throws(IndexError) {
        let code = bytes.withUnsafeBytes { raw -> Int32 in
            guard let base = raw.baseAddress, raw.count > 0 else { return sqlite3_bind_zeroblob(handle, index, 0) }
            return sqlite3_bind_blob64(handle, index, base, UInt64(raw.count), semhash_sqlite_transient())
        }
        try check(code)
    }

    func bindNull(at index: Int32) throws(IndexError) {
        try check(sqlite3_bind_null(handle, index))
    }

    // MARK: Stepping

    /// Advances to the next row: true when a row is available, false when the statement is done.
    func step() throws(IndexError) -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw error(code)
        }
    }

    /// Runs the statement to completion, ignoring any rows it returns.
    func run() throws(IndexError) {
        while try step() {}
    }

    /// Makes the statement ready to run again and clears its bindings.
    ///
    /// The codes of `sqlite3_reset` and `sqlite3_clear_bindings` are not checked: reset repeats the code
    /// of the last failed step (already thrown by `step`), and clearing bindings cannot fail.
    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    // MARK: Columns

    func isNull(at column: Int32) -> Bool {
        sqlite3_column_type(handle, column) == SQLITE_NULL
    }

    func int64(at column: Int32) -> Int64 {
        sqlite3_column_int64(handle, column)
    }

    func int(at column: Int32) -> Int {
        Int(sqlite3_column_int64(handle, column))
    }

    func double(at column: Int32) -> Double {
        sqlite3_column_double(handle, column)
    }

    /// The column as UTF-8 text; NULL reads as the empty string.
    func text(at column: Int32) -> String {
        guard let bytes = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    /// The column as text, or nil when it is NULL.
    func optionalText(at column: Int32) -> String? {
        isNull(at: column) ? nil : text(at: column)
    }

    /// Calls `body` with the column's blob bytes, valid only during the call (no copy is made).
    /// NULL and empty blobs read as an empty buffer.
    func withBlob<R, E: Error>(at column: Int32, _ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        let base = sqlite3_column_blob(handle, column)
        let count = Int(sqlite3_column_bytes(handle, column))
        return try body(UnsafeRawBufferPointer(start: count > 0 ? base : nil, count: count))
    }

    /// A copy of the column's blob bytes.
    func blob(at column: Int32) -> [UInt8] {
        withBlob(at: column) { [UInt8]($0) }
    }

    // MARK: Errors

    private func check(_ code: Int32) throws(IndexError) {
        if code != SQLITE_OK { throw error(code) }
    }

    private func error(_ code: Int32) -> IndexError {
        let message = String(cString: sqlite3_errmsg(sqlite3_db_handle(handle)))
        return IndexError(sqliteCode: code, message: message, sql: sql, path: path)
    }
}
