/// Failures of the index file layer, with messages a user can act on.
///
/// SQLite result codes that a user can do something about (busy, full disk, read-only file, corruption,
/// a file that is not a database) get their own cases; any other SQLite failure is `.sqlite`, carrying the
/// result code, SQLite's message and the statement that failed.
public enum IndexError: Error, Equatable, CustomStringConvertible {
    /// No file exists at the path given to `IndexStore.open`.
    case notFound(String)
    /// `IndexStore.create` was given a path that already exists.
    case alreadyExists(String)
    /// SQLite could not open the file (missing directory, permissions, a directory in place of a file).
    case cannotOpen(String, String)
    /// The file is not a SQLite database, or is one that semhash did not write.
    case notAnIndex(String)
    /// The file is an empty SQLite database: what a `create` killed before its schema committed leaves.
    case unfinished(String)
    /// The index was written in a newer format than this build of semhash understands.
    case newerFormat(found: Int, supported: Int)
    /// The index is in an older format and must be upgraded, which a read-only open cannot do.
    case olderFormat(String, found: Int, supported: Int)
    /// SQLite found the file damaged, or a stored value does not decode.
    case corrupt(String, String)
    /// Another connection holds the write lock for longer than the busy timeout.
    case busy(String)
    /// The disk (or the file system quota) is full.
    case diskFull(String)
    /// A write was attempted on an index opened read-only, or on a file the process may not write.
    case readOnly(String)
    /// Any other SQLite failure: the (extended) result code, SQLite's message, and the SQL when relevant.
    case sqlite(code: Int32, message: String, sql: String?)

    public var description: String {
        switch self {
        case let .notFound(path):
            return "no semhash index at \(path); build one with `semhash index`"
        case let .alreadyExists(path):
            return "\(path) already exists; remove it or choose another index path"
        case let .cannotOpen(path, detail):
            return "cannot open \(path): \(detail); check that the directory exists and is writable"
        case let .notAnIndex(path):
            return "\(path) is not a semhash index (not a SQLite database written by semhash); "
                + "pass an index built by `semhash index`"
        case let .unfinished(path):
            return "\(path) is not a semhash index yet: it is an empty database, as a `semhash index` interrupted "
                + "while creating it leaves; pass an index built by `semhash index`, or run `semhash index` on it"
        case let .newerFormat(found, supported):
            return "the index has format version \(found) but this semhash reads up to version \(supported); "
                + "upgrade semhash to open it"
        case let .olderFormat(path, found, supported):
            return "\(path) has format version \(found) and needs upgrading to version \(supported); "
                + "open it for writing once (for example with `semhash add`) to upgrade it"
        case let .corrupt(path, detail):
            return "the index \(path) is corrupt (\(detail)); rebuild it with `semhash index`"
        case let .busy(path):
            return "the index \(path) is busy: another semhash process is writing to it; "
                + "try again when it finishes"
        case let .diskFull(path):
            return "the disk is full while writing \(path); free some space and try again"
        case let .readOnly(path):
            return "the index \(path) is read-only: it was opened for reading, "
                + "or the file or its directory is not writable; make them writable, or work on a copy"
        case let .sqlite(code, message, sql):
            let statement = sql.map { " in `\($0)`" } ?? ""
            return "SQLite error \(code): \(message)\(statement)"
        }
    }
}
