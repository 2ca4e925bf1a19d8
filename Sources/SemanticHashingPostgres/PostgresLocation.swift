import Foundation
import PostgresNIO

/// Where a PostgreSQL store lives: a `postgresql://` URL (libpq's form, the subset semhash needs).
///
/// `postgresql://[user[:password]@][host][:port][/database][?host=/socket/folder&port=N]`. A host that starts
/// with `/` (in `?host=`) is the folder of the server's Unix socket. What the URL leaves out comes
/// from libpq's variables, as `psql` does: `PGHOST` (else the Unix socket in `/var/run/postgresql`),
/// `PGPORT` (else 5432), `PGUSER` (else the current user), `PGPASSWORD`, `PGDATABASE` (else the user name).
public struct PostgresLocation: Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String

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
        let hostQuery = components.queryItems?.first { $0.name == "host" }?.value.flatMap { $0.isEmpty ? nil : $0 }
        // An IPv6 address is written in brackets ("[::1]"); the connection takes it without them.
        let named = components.percentEncodedHost.flatMap { $0.isEmpty ? nil : $0.removingPercentEncoding }
            .map { $0.hasPrefix("[") && $0.hasSuffix("]") ? String($0.dropFirst().dropLast()) : $0 }
        host = hostQuery ?? named ?? environment["PGHOST"].flatMap { $0.isEmpty ? nil : $0 } ?? "/var/run/postgresql"
        if let port = components.port {
            self.port = port
        } else if let text = components.queryItems?.first(where: { $0.name == "port" })?.value {
            guard let port = Int(text) else { throw .invalidURL(shown, "the port is not a number: \(text)") }
            self.port = port
        } else if let text = environment["PGPORT"], !text.isEmpty {
            guard let port = Int(text) else { throw .invalidURL(shown, "PGPORT is not a port number: \(text)") }
            self.port = port
        } else {
            port = 5432
        }
        guard (1...65_535).contains(port) else { throw .invalidURL(shown, "the port must be 1 to 65535, not \(port)") }
        user = components.percentEncodedUser.flatMap { $0.isEmpty ? nil : $0.removingPercentEncoding }
            ?? environment["PGUSER"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["USER"] ?? NSUserName()
        password = components.percentEncodedPassword?.removingPercentEncoding ?? environment["PGPASSWORD"]
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = path.isEmpty ? environment["PGDATABASE"].flatMap { $0.isEmpty ? nil : $0 } ?? user : path
        guard !database.contains("/") else { throw .invalidURL(shown, "a database name cannot contain '/'") }
    }

    /// `url` with the password of its user part (`://user:password@`) taken out, as error messages show a URL
    /// that may not parse.
    static func withoutPassword(_ url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        let rest = url[scheme.upperBound...]
        guard let at = rest.firstIndex(of: "@"), !rest[..<at].contains("/"),
              let colon = rest[..<at].firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + String(rest[at...])
    }

    /// The URL without the password, as messages show it.
    public var description: String {
        host.hasPrefix("/")
            ? "postgresql://\(user)@/\(database)?host=\(host)" + (port == 5432 ? "" : "&port=\(port)")
            : "postgresql://\(user)@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)"
    }

    /// How PostgresNIO reaches the server: the Unix socket `<folder>/.s.PGSQL.<port>`, or TCP without TLS.
    var configuration: PostgresConnection.Configuration {
        var configuration = host.hasPrefix("/")
            ? PostgresConnection.Configuration(unixSocketPath: "\(host)/.s.PGSQL.\(port)", username: user,
                                               password: password, database: database)
            : PostgresConnection.Configuration(host: host, port: port, username: user, password: password,
                                               database: database, tls: .disable)
        configuration.options.connectTimeout = .seconds(10)
        return configuration
    }
}
