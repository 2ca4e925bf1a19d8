import PostgresNIO
import SemanticHashing

/// Failures of the PostgreSQL store. Each message states what is wrong; the command line adds what to do.
public enum PostgresStoreError: Error, Equatable, CustomStringConvertible {
    /// A `postgresql://` URL that cannot be read.
    case invalidURL(String, String)
    /// The server could not be reached or refused the connection (the store's URL, the reason).
    case cannotConnect(String, String)
    /// The connection closed while the store was open (the server restarted or ended it).
    case connectionLost(String)
    /// The database holds no semhash store (no schema `semhash`).
    case noStore(String)
    /// The store was written by a newer semhash.
    case newerFormat(String, found: Int, supported: Int)
    /// The store's content is not what semhash writes (the store's URL, what is wrong).
    case corrupt(String, String)
    /// A whole index was to be copied into a store that already holds documents.
    case notEmpty(String)
    /// Two external ids map to one document id (a SHA-256 prefix collision), or a document arrived twice.
    case idCollision(String, String)
    /// Codes of another shape than those the store holds (dimension, bits found; dimension, bits stored).
    case codeShapeMismatch(String, found: String, stored: String)
    /// Hashes longer than the store's schema holds (`PostgresStore.hashBitRange`).
    case hashTooLong(String, bits: Int)
    /// The documents to write were read with another model or vocabulary than the store's: the store's header
    /// changed after the writer read it (another writer replaced it, or gave a new store its first).
    case modelMismatch(String)
    /// The store's vocabulary was replaced while a model was trained on the old one.
    case vocabularyChanged(String)
    /// The server reported an error (the store's URL, its SQLSTATE code and message).
    case server(String, code: String, message: String)

    public var description: String {
        switch self {
        case let .invalidURL(url, reason):
            return "\(url) is not a PostgreSQL URL semhash can use: \(reason)"
        case let .cannotConnect(location, reason):
            return "cannot connect to \(location): \(reason)"
        case let .connectionLost(location):
            return "the connection to \(location) closed while it was in use (the server restarted or ended it)"
        case let .noStore(location):
            return "\(location) holds no semhash store (no schema semhash)"
        case let .newerFormat(location, found, supported):
            return "the store \(location) has format version \(found) but this semhash reads up to version \(supported)"
        case let .corrupt(location, detail):
            return "the store \(location) is corrupt (\(detail))"
        case let .notEmpty(location):
            return "the store \(location) already holds documents"
        case let .idCollision(location, detail):
            return "cannot write to \(location): \(detail)"
        case let .codeShapeMismatch(location, found, stored):
            return "the codes to write are \(found) but the store \(location) holds \(stored) codes"
        case let .hashTooLong(location, bits):
            return "the store \(location) holds hashes of at most \(PostgresStore.hashBitRange.upperBound) bits, not \(bits)"
        case let .modelMismatch(location):
            return "the store \(location) has another model or vocabulary than the one these documents were read with; nothing was written"
        case let .vocabularyChanged(location):
            return "the vocabulary of \(location) changed while the model was trained; nothing was stored"
        case let .server(location, code, message):
            return "PostgreSQL error \(code) at \(location): \(message)"
        }
    }

    /// Whether the store could not be reached for now: no connection, a connection lost, or a server that does
    /// not take connections at the moment (a database not accepting connections, 55000, as `ALLOW_CONNECTIONS
    /// false` answers; a shutdown under way, 57P01 to 57P03; too many connections, 53300; a connection
    /// exception, class 08). Such a write can succeed when tried again.
    public var meansStoreUnreachable: Bool {
        switch self {
        case .cannotConnect, .connectionLost: return true
        case let .server(_, code, _): return Self.unavailableStates.contains(code) || code.hasPrefix("08")
        default: return false
        }
    }

    private static let unavailableStates: Set<String> = ["55000", "57P01", "57P02", "57P03", "53300"]

    /// `error` as the store reports it: a lock not granted within the lock timeout as `IndexError.busy`, a
    /// server's other errors with their SQLSTATE and message, a connection failure with its cause (a password
    /// asked for and not given, TLS refused), any other error unchanged.
    static func wrapping(_ error: any Error, at location: PostgresLocation) -> any Error {
        switch error {
        case let error as PostgresStoreError:
            return error
        case let error as PostgresTransactionError:
            return wrapping(error.closureError ?? error.commitError ?? error.beginError ?? error, at: location)
        case let error as PSQLError:
            if let info = error.serverInfo {
                // A lock another writer holds past the write's `lock_timeout` (`PostgresStore.transaction`): the
                // index is busy, as a SQLite index whose write lock is held past its busy timeout.
                if info[.sqlState] == "55P03" { return IndexError.busy(location.description) }
                return PostgresStoreError.server(location.description, code: info[.sqlState] ?? "?",
                                                 message: info[.message] ?? "\(error.code)")
            }
            switch error.code {
            case .authMechanismRequiresPassword:
                return PostgresStoreError.cannotConnect(location.description, """
                    the server asks for a password and none was given (semhash reads it from the URL, \
                    postgresql://user:password@…, or from PGPASSWORD)
                    """)
            case .sslUnsupported:
                return PostgresStoreError.cannotConnect(
                    location.description, "the server does not accept TLS, which sslmode=\(location.tlsMode.rawValue) requires")
            default:
                let underlying = error.underlying.map { "\($0)" } ?? "\(error.code)"
                return PostgresStoreError.cannotConnect(location.description, underlying)
            }
        default:
            return error
        }
    }
}
