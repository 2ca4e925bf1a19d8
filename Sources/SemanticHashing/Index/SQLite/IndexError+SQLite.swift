import CSQLite

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
