import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
@testable import SemanticHashing
import XCTest

/// The throwaway PostgreSQL server `Scripts/postgres/test.sh` starts for the tests: `SEMHASH_TEST_POSTGRES_URL`
/// names a database on it that the tests may create databases from. Without it the PostgreSQL tests skip.
enum PostgresTestServer {
    static func url() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["SEMHASH_TEST_POSTGRES_URL"], !url.isEmpty else {
            throw XCTSkip("PostgreSQL tests skipped: SEMHASH_TEST_POSTGRES_URL is not set (Scripts/postgres/test.sh "
                          + "starts a throwaway server and sets it)")
        }
        return url
    }

    /// A new, empty database on the server; its URL.
    static func freshDatabase() throws -> String {
        let server = try url()
        var components = try XCTUnwrap(URLComponents(string: server))
        let name = "semhash_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try psql(server, "CREATE DATABASE \(name)")
        components.path = "/" + name
        return try XCTUnwrap(components.string)
    }

    /// Runs SQL with `psql` against the database at `url`; returns its unaligned output.
    @discardableResult
    static func psql(_ url: String, _ sql: String) throws -> String {
        try psql(url, arguments: ["-c", sql], describing: sql)
    }

    /// Runs the SQL file at `path` with `psql` in one transaction, as a migration is applied by hand.
    static func psql(_ url: String, file path: String) throws {
        _ = try psql(url, arguments: ["-1", "-f", path], describing: path)
    }

    private static func psql(_ url: String, arguments: [String], describing sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-d", url] + arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problems = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw PostgresTestFailure.psql(sql, problems) }
        return text
    }

    enum PostgresTestFailure: Error {
        case psql(String, String)
    }
}

/// A test case with the sample index copied into a new database of the test server (`store`; the SQLite
/// original is `sqlite`), and helpers to drive `semhash serve` over HTTP.
class PostgresTestCase: CommandLineTestCase {
    var sqlite = ""
    var store = ""

    override func setUpWithError() throws {
        try super.setUpWithError()
        store = try PostgresTestServer.freshDatabase()
        sqlite = try indexSamples()
        let copied = try run(["copy", sqlite, store, "--json"])
        XCTAssertEqual(copied.status, 0, copied.stderr)
        let report = try json(copied.stdout)
        XCTAssertEqual(report["documents"] as? Int, 40)
        XCTAssertEqual(report["codes"] as? Int, 40)
    }

    /// The address a `semhash serve` process prints once it listens.
    func address(of server: SemhashProcess) throws -> URL {
        for _ in 0..<600 {
            let text = server.stderrSoFar()
            if let range = text.range(of: #"http://127\.0\.0\.1:[0-9]+/"#, options: .regularExpression) {
                return try XCTUnwrap(URL(string: String(text[range])))
            }
            XCTAssertTrue(server.isRunning, text)
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw XCTSkip("semhash serve did not print its address within 30 s")
    }

    func fetch(_ base: URL, _ path: String) throws -> (status: Int, data: Data) {
        try send(base, "GET", path, body: nil, token: nil)
    }

    /// Sends `method` to `path` with a JSON `body` and, when given, the bearer `token`.
    func send(_ base: URL, _ method: String, _ path: String, body: String?, token: String?) throws
        -> (status: Int, data: Data)
    {
        var request = URLRequest(url: try XCTUnwrap(URL(string: base.absoluteString + path)))
        request.httpMethod = method
        if let body {
            request.httpBody = Data(body.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let finished = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: (Int, Data)?
        nonisolated(unsafe) var failure: (any Error)?
        URLSession.shared.dataTask(with: request) { data, response, error in
            if let error { failure = error } else { result = ((response as? HTTPURLResponse)?.statusCode ?? 0, data ?? Data()) }
            finished.signal()
        }.resume()
        finished.wait()
        if let failure { throw failure }
        let (status, data) = try XCTUnwrap(result)
        return (status, data)
    }

    func status(of base: URL, _ path: String) throws -> Int {
        try fetch(base, path).status
    }

    /// The id of the first hit a server answers `path` (an `/api/ask` request) with.
    func firstHit(of base: URL, _ path: String) throws -> String? {
        let answer = try json(String(decoding: try fetch(base, path).data, as: UTF8.self))
        return (answer["hits"] as? [[String: Any]])?.first?["id"] as? String
    }

    /// The number of topics a server serves (`/api/info`).
    func topicCount(of base: URL) throws -> Int? {
        try json(String(decoding: try fetch(base, "api/info").data, as: UTF8.self))["topics"] as? Int
    }

    /// Whether `condition` holds within 30 s (asked every 20 ms): a bound for a busy test machine, not the
    /// delay a replica takes (Scripts/bench-postgres.sh measures that).
    func eventually(_ condition: () throws -> Bool) throws -> Bool {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return false
    }

    /// Every document's row (but its id, which each store assigns) and code bytes, by external id.
    func assertSameDocumentsAndCodes(_ one: IndexStore, _ other: IndexStore,
                                             file: StaticString = #filePath, line: UInt = #line) throws {
        func rows(_ store: IndexStore) throws -> [String: (document: StoredDocumentRow, code: StoredCodeRow?)] {
            let documents = try store.documentRows(after: .min, limit: .max)
            let codes = Dictionary(uniqueKeysWithValues: try store.codeRows(after: .min, limit: .max).map { ($0.documentID, $0) })
            return Dictionary(uniqueKeysWithValues: documents.map { document in
                var comparable = document
                comparable.id = 0
                comparable.addedAt = ""
                var code = codes[document.id]
                code?.documentID = 0
                return (document.externalID, (comparable, code))
            })
        }
        let left = try rows(one), right = try rows(other)
        XCTAssertEqual(Set(left.keys), Set(right.keys), file: file, line: line)
        for (externalID, row) in left {
            XCTAssertEqual(row.document, right[externalID]?.document, externalID, file: file, line: line)
            XCTAssertEqual(row.code, right[externalID]?.code, externalID, file: file, line: line)
            XCTAssertNotNil(row.code, externalID, file: file, line: line)
        }
    }

    func hits(_ text: String) throws -> [String] {
        try XCTUnwrap(try json(text)["hits"] as? [[String: Any]]).map { hit in
            "\(hit["id"] ?? "") \(hit["distance"] ?? hit["score"] ?? "")"
        }
    }

    /// A folder corpus of `documents` short texts about the samples' four subjects, numbered from `first`.
    func writeCorpus(named name: String, documents: Int, first: Int) throws -> String {
        let subjects = [("space", "rockets orbit launch satellites moon planet telescope"),
                        ("cooking", "bread oven flour butter sauce recipe onions"),
                        ("music", "guitar piano melody chords rhythm concert choir"),
                        ("computing", "compiler memory cache threads database programs tests")]
        let root = directory.appendingPathComponent(name)
        for number in first..<(first + documents) {
            let (label, words) = subjects[number % subjects.count]
            let folder = root.appendingPathComponent(label)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let chosen = words.split(separator: " ").enumerated().filter { ($0.offset + number) % 3 != 0 }.map(\.element)
            let text = "Note \(number)\n\n" + String(repeating: chosen.joined(separator: " ") + " ", count: 1 + number % 4)
            try Data(text.utf8).write(to: folder.appendingPathComponent("note-\(number).txt"))
        }
        return root.path
    }
}
