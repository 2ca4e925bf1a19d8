import Foundation
import PostgresNIO

/// Where a PostgreSQL store lives: a `postgresql://` URL (libpq's form, the subset semhash needs).
///
/// `postgresql://[user[:password]@][host][:port][/database][?parameter=value&…]`. A host that starts with `/`
/// (percent-encoded in the URL, or in `?host=`) is the folder of the server's Unix socket. The parameters read
/// are libpq's `host`, `port`, `user`, `password`, `dbname`, `sslmode` and `sslrootcert`; as in libpq, a
/// parameter wins over the part of the URL it names. Any other parameter is refused (`invalidURL`), not
/// ignored. What the URL leaves out comes from libpq's variables, as `psql` does: `PGHOST` (else the Unix
/// socket in `/var/run/postgresql`), `PGPORT` (else 5432), `PGUSER` (else the current user), `PGPASSWORD`,
/// `PGDATABASE` (else the user name), `PGSSLMODE` (else `prefer`) and `PGSSLROOTCERT`.
public struct PostgresLocation: Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    /// Whether the connection is encrypted, and what of the server's certificate is checked.
    public var tlsMode: TLSMode
    /// The PEM file of the certificate authorities that `verify-ca` and `verify-full` trust (`sslrootcert`);
    /// nil for the system's trusted roots.
    public var rootCertificates: String?

    /// libpq's `sslmode`, as semhash honours it. A Unix socket is never encrypted (as libpq does not).
    public enum TLSMode: String, Sendable, CaseIterable {
        /// No TLS.
        case disable
        /// No TLS (libpq tries TLS only after the server refuses a plain connection; semhash never does).
        case allow
        /// TLS when the server offers it, else a plain connection; the certificate is not checked.
        case prefer
        /// TLS or no connection; the certificate is not checked.
        case require
        /// TLS or no connection, with a certificate signed by a trusted authority (any host name).
        case verifyCA = "verify-ca"
        /// TLS or no connection, with a certificate signed by a trusted authority for the host connected to.
        case verifyFull = "verify-full"
    }

    /// The URL parameters read (libpq's names); any other is refused.
    static let parameters: Set = ["host", "port", "user", "password", "dbname", "sslmode", "sslrootcert"]

    /// Whether `text` names a PostgreSQL store rather than an index file.
    public static func isURL(_ text: String) -> Bool {
        let scheme = text.prefix { $0 != ":" }.lowercased()
        return (scheme == "postgresql" || scheme == "postgres") && text.dropFirst(scheme.count).hasPrefix("://")
    }

    /// Whether `text` is a URL of another kind than a PostgreSQL store's (`mysql://…`, `http://…`): never a
    /// file name a user means.
    public static func isOtherURL(_ text: String) -> Bool {
        guard let separator = text.range(of: "://"), !isURL(text) else { return false }
        let scheme = text[..<separator.lowerBound]
        return !scheme.isEmpty && scheme.first!.isLetter
            && scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+.-".contains($0)) }
    }

    /// Reads a URL, filling what it leaves out from `environment` (libpq's variables).
    public init(url: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(PostgresStoreError)
    {
        let shown = Self.withoutPassword(url)
        guard Self.isURL(url), let components = URLComponents(string: url) else {
            throw .invalidURL(shown, "expected postgresql://[user[:password]@][host][:port][/database]")
        }
        var query: [String: String] = [:]
        for item in components.queryItems ?? [] {
            guard Self.parameters.contains(item.name) else {
                throw .invalidURL(shown, "semhash does not read the parameter \(item.name) (it reads "
                    + Self.parameters.sorted().joined(separator: ", ") + ")")
            }
            // As in libpq, the last of a parameter given twice wins.
            query[item.name] = item.value ?? ""
        }
        func nonEmpty(_ text: String?) -> String? { text.flatMap { $0.isEmpty ? nil : $0 } }
        // An IPv6 address is written in brackets ("[::1]"); the connection takes it without them.
        let named = nonEmpty(components.percentEncodedHost?.removingPercentEncoding)
            .map { $0.hasPrefix("[") && $0.hasSuffix("]") ? String($0.dropFirst().dropLast()) : $0 }
        host = nonEmpty(query["host"]) ?? named ?? nonEmpty(environment["PGHOST"]) ?? "/var/run/postgresql"
        if let text = query["port"] {
            guard let port = Int(text) else { throw .invalidURL(shown, "the port is not a number: \(text)") }
            self.port = port
        } else if let port = components.port {
            self.port = port
        } else if let text = nonEmpty(environment["PGPORT"]) {
            guard let port = Int(text) else { throw .invalidURL(shown, "PGPORT is not a port number: \(text)") }
            self.port = port
        } else {
            port = 5432
        }
        guard (1...65_535).contains(port) else { throw .invalidURL(shown, "the port must be 1 to 65535, not \(port)") }
        user = nonEmpty(query["user"]) ?? nonEmpty(components.percentEncodedUser?.removingPercentEncoding)
            ?? nonEmpty(environment["PGUSER"]) ?? environment["USER"] ?? NSUserName()
        password = query["password"] ?? components.percentEncodedPassword?.removingPercentEncoding
            ?? environment["PGPASSWORD"]
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = nonEmpty(query["dbname"]) ?? nonEmpty(path) ?? nonEmpty(environment["PGDATABASE"]) ?? user
        guard !database.contains("/") else { throw .invalidURL(shown, "a database name cannot contain '/'") }
        let mode = query["sslmode"] ?? nonEmpty(environment["PGSSLMODE"]) ?? TLSMode.prefer.rawValue
        guard let tlsMode = TLSMode(rawValue: mode) else {
            throw .invalidURL(shown, "sslmode must be one of " + TLSMode.allCases.map(\.rawValue).joined(separator: ", ")
                + ", not \(mode)")
        }
        self.tlsMode = tlsMode
        rootCertificates = nonEmpty(query["sslrootcert"]) ?? nonEmpty(environment["PGSSLROOTCERT"])
    }

    /// `url` with its passwords taken out (that of the user part, `://user:password@`, and a `password`
    /// parameter), as error messages show a URL that may not parse.
    static func withoutPassword(_ url: String) -> String {
        var shown = url
        if let question = shown.firstIndex(of: "?") {
            let kept = shown[shown.index(after: question)...].split(separator: "&", omittingEmptySubsequences: false)
                .filter { $0.prefix { $0 != "=" } != "password" }
            shown = String(shown[..<question]) + (kept.isEmpty ? "" : "?" + kept.joined(separator: "&"))
        }
        guard let scheme = shown.range(of: "://") else { return shown }
        let rest = shown[scheme.upperBound...]
        guard let at = rest.firstIndex(of: "@"), !rest[..<at].contains("/"),
              let colon = rest[..<at].firstIndex(of: ":") else { return shown }
        return String(shown[..<colon]) + String(rest[at...])
    }

    /// The URL without the password, as messages show it.
    public var description: String {
        host.hasPrefix("/")
            ? "postgresql://\(user)@/\(database)?host=\(host)" + (port == 5432 ? "" : "&port=\(port)")
            : "postgresql://\(user)@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)"
    }

    /// How PostgresNIO reaches the server: the Unix socket `<folder>/.s.PGSQL.<port>` (never encrypted), or
    /// TCP with TLS as `tlsMode` asks. Throws `cannotConnect` when the root certificates cannot be read.
    func connectionConfiguration() throws(PostgresStoreError) -> PostgresConnection.Configuration {
        var configuration = host.hasPrefix("/")
            ? PostgresConnection.Configuration(unixSocketPath: "\(host)/.s.PGSQL.\(port)", username: user,
                                               password: password, database: database)
            : PostgresConnection.Configuration(host: host, port: port, username: user, password: password,
                                               database: database, tls: try tls())
        configuration.options.connectTimeout = .seconds(10)
        return configuration
    }

    /// PostgresNIO's TLS mode for `tlsMode`: `prefer` and `require` accept any certificate, as libpq's do;
    /// `verify-ca` checks that a trusted authority signed it, `verify-full` also that it names `host`.
    private func tls() throws(PostgresStoreError) -> PostgresConnection.Configuration.TLS {
        var settings = TLSConfiguration.makeClientConfiguration()
        switch tlsMode {
        case .disable, .allow: return .disable
        case .prefer, .require: settings.certificateVerification = .none
        case .verifyCA: settings.certificateVerification = .noHostnameVerification
        case .verifyFull: settings.certificateVerification = .fullVerification
        }
        if let rootCertificates { settings.trustRoots = .file(rootCertificates) }
        let context: NIOSSLContext
        do {
            context = try NIOSSLContext(configuration: settings)
        } catch {
            let reason = rootCertificates.map { "cannot read the root certificates in \($0): \(error)" }
            throw .cannotConnect(description, reason ?? "cannot set up TLS: \(error)")
        }
        return tlsMode == .prefer ? .prefer(context) : .require(context)
    }
}
