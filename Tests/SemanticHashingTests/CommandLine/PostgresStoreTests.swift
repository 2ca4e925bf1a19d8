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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql]
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

/// `StoreBehaviourTests` on a PostgreSQL store: the sample index copied into a new database. Each test is
/// restated because test discovery on Linux lists only the methods a class declares itself.
final class PostgresStoreBehaviourTests: StoreBehaviourTests {
    override func makeIndex() throws -> String {
        let store = try PostgresTestServer.freshDatabase()
        let copied = try run(["copy", try indexSamples(), store])
        XCTAssertEqual(copied.status, 0, copied.stderr)
        return store
    }

    override func testInfoCountsTheDocumentsAndCheckFindsTheIndexSound() throws {
        try super.testInfoCountsTheDocumentsAndCheckFindsTheIndexSound()
    }

    override func testSimilarFindsAnAddedCopyOfADocumentFirst() throws {
        try super.testSimilarFindsAnAddedCopyOfADocumentFirst()
    }

    override func testRemovedDocumentsAreGoneAndAddingThemBackRestoresTheAnswers() throws {
        try super.testRemovedDocumentsAreGoneAndAddingThemBackRestoresTheAnswers()
    }

    override func testAddingADocumentWithAnIndexedIDReplacesIt() throws {
        try super.testAddingADocumentWithAnIndexedIDReplacesIt()
    }
}

/// What only the PostgreSQL store does: `semhash copy` both ways, answers equal to SQLite's, concurrent
/// writers, a killed writer, the commands that need a file.
final class PostgresStoreTests: CommandLineTestCase {
    private var sqlite = ""
    private var store = ""

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

    func testCopyToPostgresAndBackKeepsModelVocabularyDocumentsAndCodesByteForByte() throws {
        let back = path("back.sqlite")
        let copied = try run(["copy", store, back])
        XCTAssertEqual(copied.status, 0, copied.stderr)
        let original = try IndexStore.open(at: sqlite, mode: .readOnly)
        let returned = try IndexStore.open(at: back, mode: .readOnly)
        XCTAssertEqual(try returned.loadModel(), try original.loadModel(), "model, weights and training time")
        XCTAssertEqual(try returned.terms(), try original.terms())
        XCTAssertEqual(try returned.transferableMetadata(), try original.transferableMetadata())
        XCTAssertEqual(try returned.checkpoints(), try original.checkpoints())
        try assertSameDocumentsAndCodes(original, returned)
        let check = try run(["check", "--index", back])
        XCTAssertEqual(check.status, 0, check.stdout + check.stderr)
        let refused = try run(["copy", store, back])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("already exists"), refused.stderr)
        let again = try run(["copy", sqlite, store])
        XCTAssertNotEqual(again.status, 0)
        XCTAssertTrue(again.stderr.contains("already holds documents"), again.stderr)
    }

    func testACopyIntoAStoreEmptiedByRemovalsReplacesItsModelAndTopicsForEveryReader() throws {
        XCTAssertEqual(try run(["topics", "--count", "2", "--index", store, "--quiet"]).status, 0)
        func summary(_ index: String) throws -> [String: Any] {
            let info = try run(["info", "--index", index, "--json", "--terms", "0"])
            XCTAssertEqual(info.status, 0, info.stderr)
            return try json(info.stdout)
        }
        let before = try summary(store)
        XCTAssertEqual(before["topics"] as? Int, 2)
        let ids = try XCTUnwrap(FileManager.default.enumerator(atPath: Self.samples)?.allObjects as? [String])
            .filter { $0.hasSuffix(".txt") }
        XCTAssertEqual(try run(["remove"] + ids + ["--index", store]).status, 0)
        let other = path("other.sqlite")
        XCTAssertEqual(try run(["index", Self.samples, "--index", other, "--quiet", "--seed", "2"] + Self.smallModel).status, 0)
        let copied = try run(["copy", other, store])
        XCTAssertEqual(copied.status, 0, copied.stderr)
        let after = try summary(store)
        let expected = try summary(other)
        XCTAssertEqual((after["model"] as? [String: Any])?["trained_at"] as? String,
                       (expected["model"] as? [String: Any])?["trained_at"] as? String,
                       "the reader's kept copy holds the copied model, not the removed store's")
        XCTAssertEqual(after["topics"] as? Int, 0, "the emptied store's topics are gone")
        XCTAssertEqual(after["documents"] as? Int, 40)
        XCTAssertEqual(try run(["check", "--index", store]).status, 0)
    }

    func testTwoIndexRunsIntoOneNewDatabaseCreateItsSchemaOnce() throws {
        for _ in 0..<3 {
            let fresh = try PostgresTestServer.freshDatabase()
            let runs = try (0..<2).map { _ in try start(["index", Self.samples, "--index", fresh, "--quiet"] + Self.smallModel) }
            let outcomes = try runs.map { try $0.finish() }
            XCTAssertEqual(outcomes.filter { $0.status == 0 }.count, 1, outcomes.map(\.stderr).joined())
            for outcome in outcomes where outcome.status != 0 {
                XCTAssertTrue(outcome.stderr.contains("already holds documents"),
                              "the second run finds the first one's documents, not a half-made schema: \(outcome.stderr)")
            }
        }
    }

    func testAnswersEqualThoseOfTheSQLiteIndex() throws {
        let back = path("back.sqlite")
        XCTAssertEqual(try run(["copy", store, back]).status, 0)
        for metric in ["hamming", "euclidean", "cascade", "hybrid"] {
            let ask = ["ask", "rockets launch into orbit", "-k", "10", "--json", "--metric", metric]
            let fromStore = try run(ask + ["--index", store])
            XCTAssertEqual(fromStore.status, 0, fromStore.stderr)
            // The copy back has the store's document ids, so even ties come in the same order.
            XCTAssertEqual(try hits(fromStore.stdout), try hits(try run(ask + ["--index", back]).stdout), metric)
            if metric != "hamming" {
                XCTAssertEqual(try hits(fromStore.stdout), try hits(try run(ask + ["--index", sqlite]).stdout), metric)
            }
        }
        let similar = ["similar", "space/moon-landing.txt", "-k", "5", "--json", "--metric", "euclidean"]
        XCTAssertEqual(try hits(try run(similar + ["--index", store]).stdout),
                       try hits(try run(similar + ["--index", sqlite]).stdout))
        let environment = try SemhashProcess.run(["info", "--json"], in: directory,
                                                 environment: ["SEMHASH_INDEX": store])
        XCTAssertEqual(environment.status, 0, environment.stderr)
        XCTAssertEqual(try json(environment.stdout)["documents"] as? Int, 40)
    }

    func testConcurrentWritersOfDisjointPartsEqualOneSequentialRun() throws {
        let parts = try (0..<4).map { try writeCorpus(named: "part\($0)", documents: 60, first: $0 * 60) }
        let sequential = try PostgresTestServer.freshDatabase()
        XCTAssertEqual(try run(["copy", sqlite, sequential]).status, 0)
        for part in parts {
            let added = try run(["add", part, "--index", sequential, "--quiet"])
            XCTAssertEqual(added.status, 0, added.stderr)
        }
        let writers = try parts.map { try start(["add", $0, "--index", store, "--quiet"]) }
        for writer in writers {
            let outcome = try writer.finish()
            XCTAssertEqual(outcome.status, 0, outcome.stderr)
        }
        let concurrent = path("concurrent.sqlite"), ordered = path("sequential.sqlite")
        XCTAssertEqual(try run(["copy", store, concurrent]).status, 0)
        XCTAssertEqual(try run(["copy", sequential, ordered]).status, 0)
        let one = try IndexStore.open(at: concurrent, mode: .readOnly)
        XCTAssertEqual(try one.documentCount(), 40 + 240)
        try assertSameDocumentsAndCodes(one, try IndexStore.open(at: ordered, mode: .readOnly))
        let check = try run(["check", "--index", store])
        XCTAssertEqual(check.status, 0, check.stdout + check.stderr)
    }

    func testAKilledWriterLeavesEveryDocumentOldOrNew() throws {
        let corpus = try writeCorpus(named: "bulk", documents: 3000, first: 0)
        for delay in [0.3, 0.8, 1.5] {
            let writer = try start(["add", corpus, "--index", store, "--quiet"])
            Thread.sleep(forTimeInterval: delay)
            writer.send(SIGKILL)
            _ = try writer.finish()
            let count = try XCTUnwrap(try json(run(["info", "--index", store, "--json"]).stdout)["documents"] as? Int)
            XCTAssertTrue(count == 40 || count == 3040, "after a kill at \(delay) s: \(count) documents")
            let check = try run(["check", "--index", store])
            XCTAssertEqual(check.status, 0, check.stdout + check.stderr)
            if count == 3040 { break }
        }
    }

    func testSIGTERMDuringAnAddLeavesTheStoreAsItWasAndNoTemporaryIndex() throws {
        let pipe = try CorpusPipe(at: path("more.jsonl"))
        let writer = try start(["add", pipe.path, "--format", "jsonl", "--index", store])
        try pipe.waitForReaderAndWrite(documents: ["new/1", "new/2"])
        let temporary = directory.appendingPathComponent("tmp")
        let local = try FileManager.default.contentsOfDirectory(atPath: temporary.path).filter { $0.hasPrefix("semhash-") }
        XCTAssertEqual(local.count, 1, "the add reads its corpus into a local index in TMPDIR: \(local)")
        try writer.interrupt(with: SIGTERM)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: temporary.path), [],
                       "the local index is removed")
        XCTAssertEqual(try json(run(["info", "--index", store, "--json"]).stdout)["documents"] as? Int, 40)
    }

    func testAnEmptyDatabaseIsNoStoreAndAnUnreachableServerIsSaidSo() throws {
        let empty = try PostgresTestServer.freshDatabase()
        let info = try run(["info", "--index", empty])
        XCTAssertNotEqual(info.status, 0)
        XCTAssertTrue(info.stderr.contains("holds no semhash store"), info.stderr)
        let unreachable = try run(["info", "--index", "postgresql://nobody@/semhash?host=/nonexistent/folder"])
        XCTAssertNotEqual(unreachable.status, 0)
        XCTAssertTrue(unreachable.stderr.contains("cannot connect to"), unreachable.stderr)
    }

    func testHashesLongerThanTheStoreHoldsAreRefusedBeforeAnythingIsWritten() throws {
        let fresh = try PostgresTestServer.freshDatabase()
        let indexed = try run(["index", Self.samples, "--index", fresh, "--min-df", "1", "--bits", "512"] + Self.smallModel)
        XCTAssertEqual(indexed.status, 1)
        XCTAssertTrue(indexed.stderr.hasSuffix("holds hashes of at most 256 bits, not 512; train with --bits 256 or fewer, "
                                               + "or keep this index in SQLite\n"), indexed.stderr)
        XCTAssertEqual(try json(try run(["info", "--index", fresh, "--json"]).stdout)["documents"] as? Int, 0)

        let file = path("wide.sqlite")
        let wide = try run(["index", Self.samples, "--index", file, "--min-df", "1", "--bits", "512", "--quiet"] + Self.smallModel)
        XCTAssertEqual(wide.status, 0, wide.stderr)
        let copied = try run(["copy", file, fresh])
        XCTAssertEqual(copied.status, 1)
        XCTAssertTrue(copied.stderr.contains("holds hashes of at most 256 bits, not 512"), copied.stderr)
        XCTAssertEqual(try json(try run(["info", "--index", fresh, "--json"]).stdout)["documents"] as? Int, 0)
    }

    func testIndexIntoANewStoreTrainsThereAndASampledRetrainingEqualsTheSQLiteOne() throws {
        let fresh = try PostgresTestServer.freshDatabase()
        let indexed = try run(["index", Self.samples, "--index", fresh, "--min-df", "1"] + Self.smallModel)
        XCTAssertEqual(indexed.status, 0, indexed.stderr)
        XCTAssertTrue(indexed.stderr.contains("on 40 documents"), indexed.stderr)
        let info = try json(try run(["info", "--index", fresh, "--json"]).stdout)
        XCTAssertEqual(info["documents"] as? Int, 40)
        XCTAssertEqual(info["codes"] as? Int, 40)
        XCTAssertEqual(info["format_version"] as? Int, 4, "the store's format, not its local copy's")
        let check = try run(["check", "--index", fresh])
        XCTAssertEqual(check.status, 0, check.stdout + check.stderr)

        // A SQLite copy has the store's ids, so a seeded sample picks the same documents in the same order.
        let file = path("copy.sqlite")
        XCTAssertEqual(try run(["copy", fresh, file]).status, 0)
        let before = try XCTUnwrap(try IndexStore.open(at: file, mode: .readOnly).loadModel())
        let retrain = ["train", "--train-sample", "25", "--seed", "7"] + Self.smallModel
        for index in [fresh, file] {
            let trained = try run(retrain + ["--index", index])
            XCTAssertEqual(trained.status, 0, trained.stderr)
            XCTAssertTrue(trained.stderr.contains("on 25 documents"), trained.stderr)
            XCTAssertTrue(trained.stdout.contains("40 documents re-encoded"), trained.stdout)
        }
        let retrained = path("retrained.sqlite")
        XCTAssertEqual(try run(["copy", fresh, retrained]).status, 0)
        let fromStore = try IndexStore.open(at: retrained, mode: .readOnly)
        let fromFile = try IndexStore.open(at: file, mode: .readOnly)
        let model = try XCTUnwrap(try fromStore.loadModel())
        XCTAssertNotEqual(model.weights, before.weights, "a new model")
        XCTAssertEqual(model.weights, try fromFile.loadModel()?.weights, "the same training on the same sample")
        try assertSameDocumentsAndCodes(fromStore, fromFile)
        XCTAssertTrue(try fromStore.checkpoints().isEmpty, "the finished training's checkpoint is dropped")
        let checkAfter = try run(["check", "--index", fresh])
        XCTAssertEqual(checkAfter.status, 0, checkAfter.stdout + checkAfter.stderr)
    }

    func testTopicsOnTheStoreEqualThoseOfItsSQLiteCopy() throws {
        let file = path("copy.sqlite")
        XCTAssertEqual(try run(["copy", store, file]).status, 0)
        let topics = ["topics", "--count", "3", "--json", "--quiet"]
        let fromStore = try run(topics + ["--index", store])
        XCTAssertEqual(fromStore.status, 0, fromStore.stderr)
        let fromFile = try run(topics + ["--index", file])
        XCTAssertEqual(fromFile.status, 0, fromFile.stderr)
        XCTAssertEqual(fromStore.stdout, fromFile.stdout)
        XCTAssertEqual(try json(try run(["info", "--index", store, "--json"]).stdout)["topics"] as? Int,
                       try json(try run(["info", "--index", file, "--json"]).stdout)["topics"] as? Int)
        let shown = ["topics", "show", "0", "--json"]
        XCTAssertEqual(try run(shown + ["--index", store]).stdout, try run(shown + ["--index", file]).stdout)
        XCTAssertEqual(try PostgresTestServer.psql(store, "SELECT count(*) FROM semhash.document_topics")
            .trimmingCharacters(in: .whitespacesAndNewlines), "40")
    }

    func testWritersPruneTheChangeLogPastItsRetention() throws {
        try PostgresTestServer.psql(store, "UPDATE semhash.changes SET changed_at = now() - interval '2 hours'")
        let old = try PostgresTestServer.psql(store, "SELECT max(position) FROM semhash.changes")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let removed = try run(["remove", "space/moon-landing.txt", "not/indexed.txt", "--index", store, "--json"])
        XCTAssertEqual(removed.status, 0, removed.stderr)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(removed.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(report["removed"] as? Int, 1)
        XCTAssertEqual(report["not_found_ids"] as? [String], ["not/indexed.txt"])
        let state = try PostgresTestServer.psql(store, """
            SELECT (SELECT count(*) FROM semhash.changes) || ' ' || (SELECT pruned_through FROM semhash.change_log)
            """).trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(state, "1 \(old)", "only the removal's entry is left; the pruned ones are recorded")
    }

    func testAWriterRefusesAnIDTakenByAnotherExternalIDAndCheckReportsTheRow() throws {
        // A forged row: another external id under the id of space/probe.txt, as a SHA-256 prefix collision would.
        try PostgresTestServer.psql(store, """
            INSERT INTO semhash.documents (id, external_id, title, source, labels, token_count, oov_count, excerpt, bag, empty)
            VALUES (semhash.semhash_document_id('space/probe.txt'), 'forged', '', '', '[]', 0, 0, '', '', true)
            """)
        let corpus = directory.appendingPathComponent("new/space")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        try Data("Probe\n\nrocket orbit moon launch probe".utf8).write(to: corpus.appendingPathComponent("probe.txt"))
        let refused = try run(["add", corpus.deletingLastPathComponent().path, "--index", store, "--quiet"])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("external ids space/probe.txt and forged have the same document id"),
                      refused.stderr)
        XCTAssertEqual(try json(run(["info", "--index", store, "--json"]).stdout)["documents"] as? Int, 41,
                       "nothing written")
        let check = try run(["check", "--index", store])
        XCTAssertEqual(check.status, 2, check.stdout + check.stderr)
        XCTAssertTrue(check.stdout.contains("1 document has an id that is not semhash_document_id(external_id)"),
                      check.stdout)
    }

    func testReadersKeepACopyOfTheStoreAndBringItUpToDate() throws {
        let ask = ["ask", "Probe rocket orbit moon launch probe", "-k", "1", "--json", "--metric", "euclidean",
                   "--index", store]
        let first = try run(ask)
        XCTAssertEqual(first.status, 0, first.stderr)
        let cache = directory.appendingPathComponent("cache").path
        let copies = try FileManager.default.contentsOfDirectory(atPath: cache).filter { $0.hasSuffix(".sqlite") }
        XCTAssertEqual(copies.count, 1, "one kept copy per store: \(copies)")
        let copy = cache + "/" + copies[0]
        let replicaOf = IndexSetting(rawValue: "replica_of")
        func recorded() throws -> String { try XCTUnwrap(try IndexStore.open(at: copy, mode: .readOnly).setting(replicaOf)) }
        func inode() throws -> Int { try XCTUnwrap(FileManager.default.attributesOfItem(atPath: copy)[.systemFileNumber] as? Int) }
        func firstHit() throws -> String? { try hits(try run(ask).stdout).first?.components(separatedBy: " ").first }
        let (before, file) = (try recorded(), try inode())

        // A document added to the store: the next reader finds it, in the same copy brought up to date.
        let corpus = directory.appendingPathComponent("new/space")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        try Data("Probe\n\nrocket orbit moon launch probe".utf8).write(to: corpus.appendingPathComponent("probe.txt"))
        XCTAssertEqual(try run(["add", corpus.deletingLastPathComponent().path, "--index", store, "--quiet"]).status, 0)
        XCTAssertEqual(try firstHit(), "space/probe.txt")
        XCTAssertEqual(try inode(), file, "the kept copy was updated, not made anew")
        XCTAssertNotEqual(try recorded(), before, "the copy records the change it applied")
        XCTAssertEqual(try json(try run(["info", "--json", "--index", store]).stdout)["documents"] as? Int, 41)

        // The database dropped and made again under the same name is another store: the copy is made anew.
        let name = try XCTUnwrap(URLComponents(string: store)?.path.dropFirst())
        try PostgresTestServer.psql(try PostgresTestServer.url(), "DROP DATABASE \(name)")
        try PostgresTestServer.psql(try PostgresTestServer.url(), "CREATE DATABASE \(name)")
        XCTAssertEqual(try run(["copy", sqlite, store]).status, 0)
        XCTAssertEqual(try json(try run(["info", "--json", "--index", store]).stdout)["documents"] as? Int, 40,
                       "not the 41 documents of the old store's copy")
        XCTAssertNotEqual(try firstHit(), "space/probe.txt")
    }

    func testTwoReplicasSeeAnAddAndARemoveWithoutRestarting() throws {
        let replicas = try (0..<2).map { _ in try start(["serve", "--index", store, "--port", "0"]) }
        defer { for replica in replicas { replica.send(SIGTERM) } }
        let addresses = try replicas.map { replica in try address(of: replica) }
        let corpus = directory.appendingPathComponent("new/space")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        try Data("Probe\n\nrocket orbit moon launch probe".utf8).write(to: corpus.appendingPathComponent("probe.txt"))
        let document = "api/documents/space%2Fprobe.txt"
        let probe = "space/probe.txt"
        XCTAssertEqual(try addresses.map { try status(of: $0, document) }, [404, 404])

        XCTAssertEqual(try run(["add", corpus.deletingLastPathComponent().path, "--index", store, "--quiet"]).status, 0)
        XCTAssertTrue(try eventually { try addresses.map { try self.status(of: $0, document) } == [200, 200] },
                      "both replicas serve the added document")
        let info = try json(String(decoding: try fetch(addresses[1], "api/info").data, as: UTF8.self))
        XCTAssertEqual(info["documents"] as? Int, 41)
        XCTAssertEqual(info["codes"] as? Int, 41)
        // Searchable: its own words (the same bag, so the same code) find it first on both.
        let ask = "api/ask?q=Probe+rocket+orbit+moon+launch+probe&k=1&metric=euclidean"
        XCTAssertTrue(try eventually { try addresses.map { try self.firstHit(of: $0, ask) } == [probe, probe] },
                      "both replicas search the added document")

        XCTAssertEqual(try run(["remove", "space/probe.txt", "--index", store]).status, 0)
        XCTAssertTrue(try eventually { try addresses.map { try self.status(of: $0, document) } == [404, 404] },
                      "both replicas drop the removed document")
        XCTAssertTrue(try eventually { try addresses.map { try self.firstHit(of: $0, ask) }.allSatisfy { $0 != probe } },
                      "both replicas stop finding the removed document")
        for replica in replicas {
            XCTAssertFalse(replica.stderrSoFar().contains("reloaded"),
                           "the add and the remove patched the served codes in place: \(replica.stderrSoFar())")
        }

        // New topics change the whole store: the replicas reload it.
        XCTAssertEqual(try addresses.map { try topicCount(of: $0) }, [0, 0])
        XCTAssertEqual(try run(["topics", "--count", "3", "--index", store, "--quiet"]).status, 0)
        let topics = try XCTUnwrap(try json(try run(["info", "--index", store, "--json"]).stdout)["topics"] as? Int)
        XCTAssertGreaterThanOrEqual(topics, 3)
        XCTAssertTrue(try eventually { try addresses.map { try self.topicCount(of: $0) } == [topics, topics] },
                      "both replicas serve the new topics")

        // A replica behind the pruned part of the log cannot follow it and reloads: a row deleted without a
        // log entry (which only a reload can show) is gone from both.
        try PostgresTestServer.psql(store, """
            DELETE FROM semhash.codes WHERE document_id = semhash.semhash_document_id('space/moon-landing.txt');
            DELETE FROM semhash.documents WHERE external_id = 'space/moon-landing.txt';
            UPDATE semhash.change_log SET pruned_through = (SELECT max(position) + 1000 FROM semhash.changes);
            NOTIFY semhash_changes;
            """)
        XCTAssertTrue(try eventually {
            try addresses.map { try self.status(of: $0, "api/documents/space%2Fmoon-landing.txt") } == [404, 404]
        }, "both replicas reloaded the store")
        for replica in replicas { replica.send(SIGTERM) }
        for replica in replicas {
            let outcome = try replica.finish()
            XCTAssertEqual(outcome.status, 0, outcome.stderr)
            XCTAssertFalse(outcome.stderr.contains("replica: "), "no failure to follow: \(outcome.stderr)")
        }
    }

    func testAReplicaWhoseConnectionsTheServerEndsConnectsAgainAndFollowsAndStops() throws {
        let replica = try start(["serve", "--index", store, "--port", "0"])
        defer { replica.send(SIGTERM) }
        let address = try address(of: replica)
        let document = "api/documents/space%2Fmoon-landing.txt"
        XCTAssertEqual(try status(of: address, document), 200)
        // What a restart of the server does to the replica's two connections (the store's and the listener's).
        try PostgresTestServer.psql(store, """
            SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid();
            """)
        XCTAssertEqual(try run(["remove", "space/moon-landing.txt", "--index", store]).status, 0)
        XCTAssertTrue(try eventually { try self.status(of: address, document) == 404 },
                      "the replica connected again and applied the removal: \(replica.stderrSoFar())")
        replica.send(SIGTERM)
        let outcome = try replica.finish()
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("replica: connected to the store again"), outcome.stderr)
    }

    func testAReplicaThatCannotReachItsStoreSaysStaleAndStillAnswersUntilItFollowsAgain() throws {
        let replica = try start(["serve", "--index", store, "--port", "0"])
        defer { replica.send(SIGTERM) }
        let address = try address(of: replica)
        func health() throws -> [String: Any] { try json(String(decoding: try fetch(address, "healthz").data, as: UTF8.self)) }
        XCTAssertEqual(try health()["status"] as? String, "ok")
        XCTAssertNil(try health()["stale_reason"])
        let database = try XCTUnwrap(URLComponents(string: store)?.path.dropFirst())
        let server = try PostgresTestServer.url()
        try PostgresTestServer.psql(server, "ALTER DATABASE \(database) ALLOW_CONNECTIONS false")
        try PostgresTestServer.psql(server, """
            SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '\(database)';
            """)
        XCTAssertTrue(try eventually { try health()["status"] as? String == "stale" }, replica.stderrSoFar())
        let stale = try health()
        XCTAssertTrue((stale["stale_reason"] as? String)?.hasPrefix("cannot connect to the store again") == true, "\(stale)")
        XCTAssertNotNil(stale["stale_seconds"] as? Double)
        XCTAssertEqual(try status(of: address, "api/ask?q=rocket"), 200, "the copy still answers")
        try PostgresTestServer.psql(server, "ALTER DATABASE \(database) ALLOW_CONNECTIONS true")
        XCTAssertTrue(try eventually { try health()["status"] as? String == "ok" }, replica.stderrSoFar())
    }

    func testAWriteThroughEitherReplicaReachesBoth() throws {
        let tokenFile = path("token")
        try Data("replica-secret\n".utf8).write(to: URL(fileURLWithPath: tokenFile))
        let replicas = try (0..<2).map { _ in
            try start(["serve", "--index", store, "--port", "0", "--write-token-file", tokenFile])
        }
        defer { for replica in replicas { replica.send(SIGTERM) } }
        let addresses = try replicas.map { replica in try address(of: replica) }
        let document = "api/documents/notes%2Forbit.txt"
        let body = #"[{"id": "notes/orbit.txt", "title": "Orbit", "text": "rocket orbit moon launch probe"}]"#

        XCTAssertEqual(try send(addresses[0], "POST", "api/documents", body: body, token: nil).status, 401)
        let added = try send(addresses[0], "POST", "api/documents", body: body, token: "replica-secret")
        XCTAssertEqual(added.status, 201, String(decoding: added.data, as: UTF8.self))
        XCTAssertEqual(try json(String(decoding: added.data, as: UTF8.self))["documents"] as? Int, 41,
                       "the store counts the document once the write returns")
        XCTAssertTrue(try eventually { try addresses.map { try self.status(of: $0, document) } == [200, 200] },
                      "a write through replica 0 is served by both")
        let ask = "api/ask?q=rocket+orbit+moon+launch+probe&k=1&metric=euclidean"
        XCTAssertTrue(try eventually { try addresses.map { try self.firstHit(of: $0, ask) } == ["notes/orbit.txt", "notes/orbit.txt"] },
                      "and searched by both")

        let removed = try send(addresses[1], "DELETE", document, body: nil, token: "replica-secret")
        XCTAssertEqual(removed.status, 200, String(decoding: removed.data, as: UTF8.self))
        XCTAssertTrue(try eventually { try addresses.map { try self.status(of: $0, document) } == [404, 404] },
                      "a removal through replica 1 reaches both")
        XCTAssertEqual(try send(addresses[1], "DELETE", document, body: nil, token: "replica-secret").status, 404)
        for replica in replicas { replica.send(SIGTERM) }
        for replica in replicas {
            let outcome = try replica.finish()
            XCTAssertEqual(outcome.status, 0, outcome.stderr)
            XCTAssertFalse(outcome.stderr.contains("replica: "), "no failure to follow: \(outcome.stderr)")
            XCTAssertFalse(outcome.stderr.contains("reloaded"), "each write patched the served codes: \(outcome.stderr)")
        }
    }

    // MARK: Helpers

    /// The address a `semhash serve` process prints once it listens.
    private func address(of server: SemhashProcess) throws -> URL {
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

    private func fetch(_ base: URL, _ path: String) throws -> (status: Int, data: Data) {
        try send(base, "GET", path, body: nil, token: nil)
    }

    /// Sends `method` to `path` with a JSON `body` and, when given, the bearer `token`.
    private func send(_ base: URL, _ method: String, _ path: String, body: String?, token: String?) throws
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

    private func status(of base: URL, _ path: String) throws -> Int {
        try fetch(base, path).status
    }

    /// The id of the first hit a server answers `path` (an `/api/ask` request) with.
    private func firstHit(of base: URL, _ path: String) throws -> String? {
        let answer = try json(String(decoding: try fetch(base, path).data, as: UTF8.self))
        return (answer["hits"] as? [[String: Any]])?.first?["id"] as? String
    }

    /// The number of topics a server serves (`/api/info`).
    private func topicCount(of base: URL) throws -> Int? {
        try json(String(decoding: try fetch(base, "api/info").data, as: UTF8.self))["topics"] as? Int
    }

    /// Whether `condition` holds within 30 s (asked every 20 ms): a bound for a busy test machine, not the
    /// delay a replica takes (Scripts/bench-postgres.sh measures that).
    private func eventually(_ condition: () throws -> Bool) throws -> Bool {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return false
    }

    /// Every document's row (but its id, which each store assigns) and code bytes, by external id.
    private func assertSameDocumentsAndCodes(_ one: IndexStore, _ other: IndexStore,
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

    private func hits(_ text: String) throws -> [String] {
        try XCTUnwrap(try json(text)["hits"] as? [[String: Any]]).map { hit in
            "\(hit["id"] ?? "") \(hit["distance"] ?? hit["score"] ?? "")"
        }
    }

    /// A folder corpus of `documents` short texts about the samples' four subjects, numbered from `first`.
    private func writeCorpus(named name: String, documents: Int, first: Int) throws -> String {
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
