import Foundation
@testable import SemanticHashingPostgres
import XCTest

/// Reading `postgresql://` URLs, with libpq's variables given as the environment (never the process's own).
final class PostgresLocationTests: XCTestCase {
    /// An environment with none of libpq's variables: only the login name.
    private let plain = ["USER": "login"]

    private struct Parts: Equatable, CustomStringConvertible {
        var host: String
        var port: Int
        var user: String
        var password: String?
        var database: String

        init(_ host: String, _ port: Int, _ user: String, _ password: String?, _ database: String) {
            self.host = host
            self.port = port
            self.user = user
            self.password = password
            self.database = database
        }

        init(_ location: PostgresLocation) {
            self.init(location.host, location.port, location.user, location.password, location.database)
        }

        var description: String { "\(user):\(password ?? "-")@\(host):\(port)/\(database)" }
    }

    private func parts(_ url: String, _ environment: [String: String]) throws -> Parts {
        Parts(try PostgresLocation(url: url, environment: environment))
    }

    func testEachPartOfTheURLIsRead() throws {
        let cases: [(url: String, parts: Parts)] = [
            ("postgresql://alice:secret@db.example.com:6543/books", Parts("db.example.com", 6543, "alice", "secret", "books")),
            ("postgresql://alice@db.example.com/books", Parts("db.example.com", 5432, "alice", nil, "books")),
            ("postgresql://db.example.com:6543", Parts("db.example.com", 6543, "login", nil, "login")),
            ("postgresql://127.0.0.1/books", Parts("127.0.0.1", 5432, "login", nil, "books")),
            ("postgresql://localhost:1/b", Parts("localhost", 1, "login", nil, "b")),
            // An IPv6 address, in brackets in the URL, without them for the connection.
            ("postgresql://alice@[::1]:6543/books", Parts("::1", 6543, "alice", nil, "books")),
            ("postgresql://[2001:db8::5]/b", Parts("2001:db8::5", 5432, "login", nil, "b")),
            ("postgresql://alice:@h/b", Parts("h", 5432, "alice", "", "b")),
            // The database name defaults to the user's, from the URL or not.
            ("postgresql://alice@h", Parts("h", 5432, "alice", nil, "alice")),
            ("postgresql://alice@h/", Parts("h", 5432, "alice", nil, "alice")),
            // Nothing but the scheme: the Unix socket in /var/run/postgresql, the current user.
            ("postgresql://", Parts("/var/run/postgresql", 5432, "login", nil, "login")),
            ("postgresql:///books", Parts("/var/run/postgresql", 5432, "login", nil, "books")),
            ("postgresql://:6000/books", Parts("/var/run/postgresql", 6000, "login", nil, "books")),
        ]
        for (url, expected) in cases {
            XCTAssertEqual(try parts(url, plain), expected, url)
        }
    }

    func testTheSchemeIsPostgresqlOrPostgresInAnyCase() throws {
        for url in ["postgresql://h/b", "postgres://h/b", "POSTGRESQL://h/b", "PostgreSQL://h/b", "Postgres://h/b",
                    "pOsTgReS://h/b"] {
            XCTAssertTrue(PostgresLocation.isURL(url), url)
            XCTAssertFalse(PostgresLocation.isOtherURL(url), url)
            XCTAssertEqual(try parts(url, plain), Parts("h", 5432, "login", nil, "b"), url)
        }
    }

    func testWhatIsAPostgreSQLURLAnotherURLOrAFileName() {
        let cases: [(text: String, isURL: Bool, isOtherURL: Bool)] = [
            ("postgresql://h/b", true, false),
            ("postgres://", true, false),
            ("postgresql:/h/b", false, false),
            ("postgresql:h", false, false),
            ("postgresql//h/b", false, false),
            ("postgresqlx://h/b", false, true),
            ("mysql://h/b", false, true),
            ("http://example.com", false, true),
            ("svn+ssh://h/repo", false, true),
            ("a.b-c://x", false, true),
            ("index.sqlite", false, false),
            ("/var/lib/semhash/index", false, false),
            ("folder/postgresql://x", false, false),
            ("1http://x", false, false),
            ("://x", false, false),
            ("", false, false),
        ]
        for (text, isURL, isOtherURL) in cases {
            XCTAssertEqual(PostgresLocation.isURL(text), isURL, text)
            XCTAssertEqual(PostgresLocation.isOtherURL(text), isOtherURL, text)
        }
    }

    func testAHostQueryOrAHostStartingWithASlashIsTheSocketFolder() throws {
        let cases: [(url: String, parts: Parts)] = [
            ("postgresql:///books?host=/tmp/pg", Parts("/tmp/pg", 5432, "login", nil, "books")),
            ("postgresql:///books?host=/tmp/pg&port=6000", Parts("/tmp/pg", 6000, "login", nil, "books")),
            ("postgresql://alice@/books?port=6000&host=/tmp/pg", Parts("/tmp/pg", 6000, "alice", nil, "books")),
            // The query's host wins over the URL's.
            ("postgresql://elsewhere/books?host=/tmp/pg", Parts("/tmp/pg", 5432, "login", nil, "books")),
            ("postgresql:///books?host=db.example.com", Parts("db.example.com", 5432, "login", nil, "books")),
            // A socket folder percent-encoded as the host, as libpq reads it.
            ("postgresql://%2Ftmp%2Fpg/books", Parts("/tmp/pg", 5432, "login", nil, "books")),
            ("postgresql:///books?host=%2Ftmp%2Fmy%20pg", Parts("/tmp/my pg", 5432, "login", nil, "books")),
            // An empty host query names no host.
            ("postgresql://elsewhere/books?host=", Parts("elsewhere", 5432, "login", nil, "books")),
        ]
        for (url, expected) in cases {
            XCTAssertEqual(try parts(url, plain), expected, url)
        }
    }

    func testPercentEncodedPartsAreDecoded() throws {
        let cases: [(url: String, parts: Parts)] = [
            ("postgresql://a%40b:p%40ss%3Aw%2Fd@h/my%20db", Parts("h", 5432, "a@b", "p@ss:w/d", "my db")),
            ("postgresql://%41lice:%C3%A9t%C3%A9@h/caf%C3%A9", Parts("h", 5432, "Alice", "été", "café")),
            ("postgresql://al%20ice@h", Parts("h", 5432, "al ice", nil, "al ice")),
        ]
        for (url, expected) in cases {
            XCTAssertEqual(try parts(url, plain), expected, url)
            // The environment is only a fallback: it changes nothing the URL names.
            var environment = ["PGUSER": "other", "USER": "login"]
            if expected.password != nil { environment["PGPASSWORD"] = "other" }
            XCTAssertEqual(try parts(url, environment), expected, url)
        }
    }

    func testAnEncodedPercentSignIsDecodedOnceAndKept() throws {
        // %25 is a % in the name: not decoded a second time (%2541 is %41, not A), not taken for a bad
        // encoding that leaves the user or password to the environment.
        let environment = ["PGUSER": "other", "PGPASSWORD": "other", "USER": "login"]
        let cases: [(url: String, parts: Parts)] = [
            ("postgresql://100%25:50%25off@h/b", Parts("h", 5432, "100%", "50%off", "b")),
            ("postgresql://a%2541:b%2542@h/c%2543", Parts("h", 5432, "a%41", "b%42", "c%43")),
            ("postgresql://%25:%25@h/%25", Parts("h", 5432, "%", "%", "%")),
        ]
        for (url, expected) in cases {
            XCTAssertEqual(try parts(url, environment), expected, url)
        }
    }

    func testWhatTheURLLeavesOutComesFromLibpqsVariables() throws {
        let environment = ["PGHOST": "db.example.com", "PGPORT": "6543", "PGUSER": "alice", "PGPASSWORD": "secret",
                           "PGDATABASE": "books", "USER": "login"]
        let cases: [(url: String, environment: [String: String], parts: Parts)] = [
            ("postgresql://", environment, Parts("db.example.com", 6543, "alice", "secret", "books")),
            ("postgres://", ["PGHOST": "/tmp/pg", "USER": "login"], Parts("/tmp/pg", 5432, "login", nil, "login")),
            // The database defaults to PGDATABASE, else to the user, whether from the URL or PGUSER.
            ("postgresql://", ["PGUSER": "alice"], Parts("/var/run/postgresql", 5432, "alice", nil, "alice")),
            ("postgresql://bob@", ["PGUSER": "alice"], Parts("/var/run/postgresql", 5432, "bob", nil, "bob")),
            ("postgresql://bob@", ["PGDATABASE": "books"], Parts("/var/run/postgresql", 5432, "bob", nil, "books")),
            // Without PGUSER the user is USER.
            ("postgresql://", ["USER": "carol"], Parts("/var/run/postgresql", 5432, "carol", nil, "carol")),
            // What the URL names wins over the variables.
            ("postgresql://bob:pw@h:7000/other", environment, Parts("h", 7000, "bob", "pw", "other")),
            ("postgresql://h?port=7000", environment, Parts("h", 7000, "alice", "secret", "books")),
            ("postgresql:///b?host=/tmp/pg", environment, Parts("/tmp/pg", 6543, "alice", "secret", "b")),
            // Empty variables are left out (PGPASSWORD is the password as given).
            ("postgresql://", ["PGHOST": "", "PGPORT": "", "PGUSER": "", "PGDATABASE": "", "USER": "login"],
             Parts("/var/run/postgresql", 5432, "login", nil, "login")),
            ("postgresql://", ["PGPASSWORD": "", "USER": "login"], Parts("/var/run/postgresql", 5432, "login", "", "login")),
        ]
        for (url, environment, expected) in cases {
            XCTAssertEqual(try parts(url, environment), expected, "\(url) \(environment)")
        }
    }

    func testTheDescriptionIsTheURLWithoutThePassword() throws {
        let cases: [(url: String, environment: [String: String], description: String)] = [
            ("postgresql://alice:s3cr3t-pw@db.example.com:6543/books", plain,
             "postgresql://alice@db.example.com:6543/books"),
            ("postgres://alice:s3cr3t-pw@db.example.com/books", plain, "postgresql://alice@db.example.com:5432/books"),
            ("postgresql://alice:s3cr3t-pw@/books?host=/tmp/pg", plain, "postgresql://alice@/books?host=/tmp/pg"),
            ("postgresql://alice:s3cr3t-pw@:6000/books?host=/tmp/pg", plain,
             "postgresql://alice@/books?host=/tmp/pg&port=6000"),
            ("postgresql://", ["PGPASSWORD": "s3cr3t-pw", "USER": "login"],
             "postgresql://login@/login?host=/var/run/postgresql"),
            ("postgresql://alice:s3cr3t%2Dpw@h/b", plain, "postgresql://alice@h:5432/b"),
            ("postgresql://alice:s3cr3t-pw@[::1]:6543/b", plain, "postgresql://alice@[::1]:6543/b"),
        ]
        for (url, environment, expected) in cases {
            let location = try PostgresLocation(url: url, environment: environment)
            XCTAssertEqual(location.description, expected, url)
            XCTAssertEqual("\(location)", expected, url)
            XCTAssertEqual(location.password, "s3cr3t-pw", url)
            XCTAssertFalse(String(describing: location).contains("s3cr3t"), url)
        }
    }

    func testEachInvalidURLIsRefusedWithItsReason() {
        let expected = "expected postgresql://[user[:password]@][host][:port][/database]"
        let cases: [(url: String, environment: [String: String], reason: String)] = [
            ("mysql://h/b", plain, expected),
            ("postgresql:/h/b", plain, expected),
            ("postgresql:h", plain, expected),
            ("index.sqlite", plain, expected),
            ("", plain, expected),
            ("postgresql://h:port/b", plain, expected),
            ("postgresql://h d/b", plain, expected),
            ("postgresql://h/b?port=abc", plain, "the port is not a number: abc"),
            ("postgresql://h/b?port=", plain, "the port is not a number: "),
            ("postgresql://h/b", ["PGPORT": "x5432", "USER": "login"], "PGPORT is not a port number: x5432"),
            ("postgresql://h:70000/b", plain, "the port must be 1 to 65535, not 70000"),
            ("postgresql://h/b?port=-1", plain, "the port must be 1 to 65535, not -1"),
            ("postgresql://h/b", ["PGPORT": "0", "USER": "login"], "the port must be 1 to 65535, not 0"),
            ("postgresql://h/a/b", plain, "a database name cannot contain '/'"),
            ("postgresql://h/a%2Fb", plain, "a database name cannot contain '/'"),
            ("postgresql://h", ["PGDATABASE": "a/b", "USER": "login"], "a database name cannot contain '/'"),
        ]
        for (url, environment, reason) in cases {
            XCTAssertThrowsError(try PostgresLocation(url: url, environment: environment), url) { error in
                XCTAssertEqual(error as? PostgresStoreError, .invalidURL(url, reason), url)
            }
        }
        // A message never shows the password, even of a URL that does not parse.
        for (url, shown) in [("postgresql://ann:secret@h d/b", "postgresql://ann@h d/b"),
                             ("postgresql://ann:secret@h/b?port=x", "postgresql://ann@h/b?port=x"),
                             ("postgres://:secret@h:port/b", "postgres://@h:port/b")] {
            XCTAssertThrowsError(try PostgresLocation(url: url, environment: plain), url) { error in
                guard case let .invalidURL(reported, _) = error as? PostgresStoreError else { return XCTFail("\(error)") }
                XCTAssertEqual(reported, shown)
                XCTAssertFalse("\(error)".contains("secret"), "\(error)")
            }
        }
        // A port in the URL or its query is read before PGPORT, which is then not looked at.
        XCTAssertEqual(try parts("postgresql://h:7000/b", ["PGPORT": "x", "USER": "login"]).port, 7000)
    }

    func testLibpqsParametersWinOverTheURLsPartsAndTheVariables() throws {
        let environment = ["PGUSER": "alice", "PGPASSWORD": "secret", "PGDATABASE": "books", "USER": "login"]
        let cases: [(url: String, environment: [String: String], parts: Parts)] = [
            ("postgresql://h/b?user=nobody", plain, Parts("h", 5432, "nobody", nil, "b")),
            ("postgresql://bob:pw@h/b?user=carol&dbname=other&password=p%26w", plain, Parts("h", 5432, "carol", "p&w", "other")),
            ("postgresql://h?dbname=other", environment, Parts("h", 5432, "alice", "secret", "other")),
            ("postgresql://h?password=", environment, Parts("h", 5432, "alice", "", "books")),
            ("postgresql://h:6000/b?port=7000", plain, Parts("h", 7000, "login", nil, "b")),
            // The last of a parameter given twice wins, as in libpq; an empty user or dbname names none.
            ("postgresql://h/b?dbname=one&dbname=two", plain, Parts("h", 5432, "login", nil, "two")),
            ("postgresql://bob@h/b?user=&dbname=", plain, Parts("h", 5432, "bob", nil, "b")),
        ]
        for (url, environment, expected) in cases {
            XCTAssertEqual(try parts(url, environment), expected, url)
        }
    }

    func testSSLModeIsReadFromTheURLElsePGSSLMODEElsePrefer() throws {
        func mode(_ url: String, _ environment: [String: String] = [:]) throws -> PostgresLocation.TLSMode {
            try PostgresLocation(url: url, environment: environment.merging(plain) { one, _ in one }).tlsMode
        }
        XCTAssertEqual(try mode("postgresql://h/b"), .prefer)
        for tlsMode in PostgresLocation.TLSMode.allCases {
            XCTAssertEqual(try mode("postgresql://h/b?sslmode=\(tlsMode.rawValue)"), tlsMode)
            XCTAssertEqual(try mode("postgresql://h/b", ["PGSSLMODE": tlsMode.rawValue]), tlsMode)
        }
        XCTAssertEqual(try mode("postgresql://h/b?sslmode=disable", ["PGSSLMODE": "verify-full"]), .disable)
        let location = try PostgresLocation(url: "postgresql://h/b?sslmode=verify-full&sslrootcert=/etc/ca.pem",
                                            environment: plain)
        XCTAssertEqual(location.rootCertificates, "/etc/ca.pem")
        XCTAssertEqual(try PostgresLocation(url: "postgresql://h/b", environment: ["PGSSLROOTCERT": "/ca.pem"])
            .rootCertificates, "/ca.pem")
    }

    func testAnUnknownParameterOrSSLModeIsRefusedAndAPasswordParameterNeverShown() {
        let reads = "(it reads dbname, host, password, port, sslmode, sslrootcert, user)"
        let cases: [(url: String, shown: String, reason: String)] = [
            ("postgresql://h/b?application_name=x", "postgresql://h/b?application_name=x",
             "semhash does not read the parameter application_name \(reads)"),
            ("postgresql://h/b?password=secret&connect_timeout=5", "postgresql://h/b?connect_timeout=5",
             "semhash does not read the parameter connect_timeout \(reads)"),
            ("postgresql://ann:secret@h/b?sslmode=on&password=secret", "postgresql://ann@h/b?sslmode=on",
             "sslmode must be one of disable, allow, prefer, require, verify-ca, verify-full, not on"),
            ("postgresql://h/b?sslmode=", "postgresql://h/b?sslmode=",
             "sslmode must be one of disable, allow, prefer, require, verify-ca, verify-full, not "),
        ]
        for (url, shown, reason) in cases {
            XCTAssertThrowsError(try PostgresLocation(url: url, environment: plain), url) { error in
                XCTAssertEqual(error as? PostgresStoreError, .invalidURL(shown, reason), url)
            }
        }
        XCTAssertThrowsError(try PostgresLocation(url: "postgresql://h/b", environment: ["PGSSLMODE": "yes"]))
    }

    func testAPasswordAskedForAndTLSRefusedAreSaidAsSuch() async throws {
        for (mode, reason) in [("disable", "the server asks for a password and none was given"),
                               ("prefer", "the server asks for a password and none was given"),
                               ("require", "the server does not accept TLS, which sslmode=require requires")] {
            let server = try PasswordAskingServer()
            let location = try PostgresLocation(url: "postgresql://ann@127.0.0.1:\(server.port)/b?sslmode=\(mode)",
                                                environment: plain)
            do {
                let store = try await PostgresStore.open(location, .existing)
                await store.close()
                XCTFail("connected to a server that asks for a password, with sslmode=\(mode)")
            } catch let PostgresStoreError.cannotConnect(shown, said) {
                XCTAssertEqual(shown, "postgresql://ann@127.0.0.1:\(server.port)/b")
                XCTAssertTrue(said.hasPrefix(reason), "sslmode=\(mode): \(said)")
            }
            server.wait()
        }
    }
}

/// A TCP listener on 127.0.0.1 that plays a PostgreSQL server without TLS asking for a password, for one
/// connection: it refuses an SSLRequest ("N") and answers the startup message with AuthenticationMD5Password
/// (PostgresNIO answers a request for a cleartext password with an empty one).
private final class PasswordAskingServer: @unchecked Sendable {
    let port: Int
    private let listener: Int32
    private let finished = DispatchSemaphore(value: 0)

    init() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                bind(listener, address, length) == 0 && listen(listener, 1) == 0
                    && getsockname(listener, address, &length) == 0
            }
        }
        guard bound else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        self.listener = listener
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread { [self] in serve() }.start()
    }

    /// Waits until the connection has ended.
    func wait() {
        finished.wait()
    }

    private func serve() {
        defer {
            close(listener)
            finished.signal()
        }
        let connection = accept(listener, nil, nil)
        guard connection >= 0 else { return }
        defer { close(connection) }
        while let message = read(connection) {
            if message.starts(with: [0x04, 0xD2, 0x16, 0x2F]) {  // SSLRequest (80877103): no TLS here
                _ = Foundation.write(connection, "N", 1)
            } else {  // The startup message: AuthenticationMD5Password, then whatever the client sends.
                let request: [UInt8] = [0x52, 0, 0, 0, 12, 0, 0, 0, 5, 1, 2, 3, 4]
                _ = Foundation.write(connection, request, request.count)
                while read(connection, count: 1) != nil {}
            }
        }
    }

    /// The body of the next length-prefixed message the client sends (an SSLRequest or a startup message), nil
    /// once it closes.
    private func read(_ connection: Int32) -> [UInt8]? {
        guard let header = read(connection, count: 4) else { return nil }
        let length = header.reduce(0) { $0 << 8 | Int($1) }
        guard (8...10_000).contains(length) else { return nil }
        return read(connection, count: length - 4)
    }

    private func read(_ connection: Int32, count: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let got = bytes.withUnsafeMutableBytes { Foundation.read(connection, $0.baseAddress! + filled, count - filled) }
            guard got > 0 else { return nil }
            filled += got
        }
        return bytes
    }
}
