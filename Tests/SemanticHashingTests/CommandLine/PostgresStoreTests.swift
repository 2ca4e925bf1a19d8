import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
@testable import SemanticHashing
import XCTest

/// `StoreBehaviourTests` on a PostgreSQL store: the sample index copied into a new database. Each test is
/// restated because test discovery on Linux lists only the methods a class declares itself.
final class PostgresStoreBehaviourTests: StoreBehaviourTests {
    override func store(of sqlite: String) throws -> String {
        let store = try PostgresTestServer.freshDatabase()
        let copied = try run(["copy", sqlite, store])
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

    override func testAddAndEvalNoteACorpusReadWithoutTheIndexsCleaning() throws {
        try super.testAddAndEvalNoteACorpusReadWithoutTheIndexsCleaning()
    }
}

/// What only the PostgreSQL store does: `semhash copy` both ways, answers equal to SQLite's, concurrent
/// writers, a killed writer, the commands that need a file.
final class PostgresStoreTests: PostgresTestCase {
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

    /// While one process trains the store, a second training of it waits `--wait` seconds, then fails before it
    /// starts; once the first has stopped, training goes ahead.
    func testASecondTrainingOfAStoreBeingTrainedIsRefused() throws {
        let long = ["--layers", "32", "--code", "8", "--pretrain-epochs", "0", "--fine-tune-epochs", "5000"]
        let process = try start(["train", "--index", store] + long)
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning, Date() < deadline, !process.stderrSoFar().contains(" on 40 documents") {
            Thread.sleep(forTimeInterval: 0.02)
        }
        let second = try run(["train", "--index", store, "--wait", "0.2"] + Self.smallModel)
        XCTAssertEqual(second.status, 1, second.stderr)
        XCTAssertTrue(second.stderr.hasPrefix("Error: another semhash process is training the model of "), second.stderr)
        XCTAssertTrue(second.stderr.hasSuffix("; run the command again when it has stored its model (writers wait up to --wait <seconds>)\n"),
                      second.stderr)
        let check = try run(["check", "--index", store])
        XCTAssertEqual(check.status, 0, check.stderr)
        XCTAssertTrue(check.stdout.contains(": another semhash process is training its model; the model is stored when it finishes"),
                      check.stdout)
        XCTAssertEqual(try json(try run(["check", "--index", store, "--json"]).stdout)["training_in_progress"] as? Bool, true)
        process.send(SIGINT)
        XCTAssertEqual(try process.finish().status, 128 + SIGINT)
        let after = try run(["train", "--index", store, "--quiet"] + Self.smallModel)
        XCTAssertEqual(after.status, 0, after.stderr)
        XCTAssertFalse(try run(["check", "--index", store]).stdout.contains("training its model"), "the lock was let go")
    }

    func testAnErrorInTheLocalCopyNamesTheStoreAndAdvisesOnIt() throws {
        let fresh = try PostgresTestServer.freshDatabase()
        let diverged = try run(["index", Self.samples, "--index", fresh, "--quiet", "--layers", "32", "--code", "8",
                                "--fine-tune-epochs", "3", "--fine-tune-learning-rate", "1e6"])
        XCTAssertNotEqual(diverged.status, 0, "the first training diverges and leaves documents without a model")
        for command in [["ask", "rockets"], ["topics", "--count", "2"]] {
            let failed = try run(command + ["--index", fresh])
            XCTAssertEqual(failed.status, 1, failed.stderr)
            XCTAssertTrue(failed.stderr.contains("semhash train --index postgresql://"), "advice on the store: \(failed.stderr)")
            XCTAssertFalse(failed.stderr.contains(".sqlite"), "not on the local copy: \(failed.stderr)")
        }
    }

    func testTwoIndexRunsIntoOneNewDatabaseCreateItsSchemaOnce() throws {
        for _ in 0..<3 {
            let fresh = try PostgresTestServer.freshDatabase()
            let runs = try (0..<2).map { _ in try start(["index", Self.samples, "--index", fresh, "--quiet"] + Self.smallModel) }
            let outcomes = try runs.map { try $0.finish() }
            // The run that writes second adds the same documents over the same vocabulary (it read the store
            // after the first had written, or chose the same vocabulary from the same corpus), or, when the first
            // has trained a model meanwhile, is refused: never a half-made schema or header.
            XCTAssertGreaterThanOrEqual(outcomes.filter { $0.status == 0 }.count, 1, outcomes.map(\.stderr).joined())
            for outcome in outcomes where outcome.status != 0 {
                XCTAssertTrue(outcome.stderr.contains("has another model or vocabulary than the one these documents were read with"),
                              "the second run finds the first one's model, not a half-made schema: \(outcome.stderr)")
            }
            XCTAssertEqual(try run(["check", "--index", fresh]).status, 0)
            XCTAssertEqual(try json(try run(["info", "--json", "--index", fresh]).stdout)["documents"] as? Int, 40)
        }
    }

    func testAnIndexRunOvertakenByOneOfOtherDocumentsWritesNothingAndSaysSo() throws {
        let fresh = try PostgresTestServer.freshDatabase()
        let pipe = try CorpusPipe(at: path("overtaken.jsonl"))
        let overtaken = try start(["index", pipe.path, "--format", "jsonl", "--index", fresh, "--quiet"] + Self.smallModel)
        // Once it reads its corpus, the run has read the new store's empty header and will choose its own
        // vocabulary; another run indexes other documents into the store meanwhile.
        let ids = (0..<30).map { "rocket/\($0)" }
        try pipe.waitForReaderAndWrite(documents: ids)
        let other = try run(["index", Self.samples, "--index", fresh, "--quiet"] + Self.smallModel)
        XCTAssertEqual(other.status, 0, other.stderr)
        pipe.close()
        let outcome = try overtaken.finish()
        XCTAssertEqual(outcome.status, 1, outcome.stderr)
        XCTAssertTrue(outcome.stderr.hasSuffix("""
            has another model or vocabulary than the one these documents were read with; nothing was written; \
            another run wrote to the store meanwhile: run the command again

            """), outcome.stderr)
        XCTAssertEqual(try run(["check", "--index", fresh]).status, 0)
        XCTAssertEqual(try json(try run(["info", "--json", "--index", fresh]).stdout)["documents"] as? Int, 40)

        // Run again, it reads the store's vocabulary and model and adds its documents.
        let again = path("again.jsonl")
        try Data(ids.map { #"{"id": "\#($0)", "text": "rockets launch satellites into orbit around the earth"}"# + "\n" }
            .joined().utf8).write(to: URL(fileURLWithPath: again))
        let rerun = try run(["index", again, "--format", "jsonl", "--index", fresh, "--quiet"])
        XCTAssertEqual(rerun.status, 0, rerun.stderr)
        XCTAssertEqual(try json(try run(["info", "--json", "--index", fresh]).stdout)["documents"] as? Int, 70)
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
        XCTAssertEqual(info["format_version"] as? Int, 5, "the store's format, not its local copy's")
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
        // A new model drops the topics of the old codes, as on SQLite.
        let trained = try run(["train", "--index", store] + Self.smallModel)
        XCTAssertEqual(trained.status, 0, trained.stderr)
        XCTAssertTrue(trained.stderr.contains("note: the 3 topics of the old codes were dropped"), trained.stderr)
        XCTAssertEqual(try PostgresTestServer.psql(store, "SELECT (SELECT count(*) FROM semhash.topics) + (SELECT count(*) FROM semhash.document_topics)")
            .trimmingCharacters(in: .whitespacesAndNewlines), "0")
        XCTAssertEqual(try json(try run(["info", "--index", store, "--json"]).stdout)["topics"] as? Int, 0)
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

    func testRemoveShowsTheStoresURLWithoutItsPassword() throws {
        var components = try XCTUnwrap(URLComponents(string: store))
        components.password = "s3cretpw"
        let withPassword = try XCTUnwrap(components.string)
        let removed = try run(["remove", "not/indexed.txt", "--index", withPassword])
        XCTAssertEqual(removed.status, 0, removed.stderr)
        XCTAssertTrue(removed.stdout.hasPrefix("removed 0 of 1 document from postgresql://"), removed.stdout)
        XCTAssertFalse(removed.stdout.contains("s3cretpw"), removed.stdout)
    }

    /// While a training adopts its model (which locks the model and the documents), a writer waits `--wait`
    /// seconds (remove) or the default 5 (add), then says the store is busy, as on SQLite.
    func testAWriterWaitingLongerThanWaitForAnotherWritersLocksSaysTheStoreIsBusy() throws {
        let holder = try AdoptionLocks(held: store)
        defer { holder.release() }
        let busy = " is busy: another semhash process is writing to it; try again when it finishes, or wait longer with --wait <seconds>\n"
        let began = Date()
        let removed = try run(["remove", "space/moon-landing.txt", "--index", store, "--wait", "0.5"])
        XCTAssertEqual(removed.status, 1, removed.stderr)
        XCTAssertTrue(removed.stderr.hasSuffix(busy), removed.stderr)
        XCTAssertLessThan(Date().timeIntervalSince(began), AdoptionLocks.seconds / 2, "not until the locks are released")
        let corpus = try writeCorpus(named: "more", documents: 2, first: 0)
        let added = try run(["add", corpus, "--index", store, "--quiet"])
        XCTAssertEqual(added.status, 1, added.stderr)
        XCTAssertTrue(added.stderr.hasSuffix(busy), added.stderr)
        XCTAssertLessThan(Date().timeIntervalSince(began), AdoptionLocks.seconds / 2, "not until the locks are released")
        holder.release()
        XCTAssertEqual(try run(["remove", "space/moon-landing.txt", "--index", store, "--wait", "0.5"]).status, 0)
        XCTAssertEqual(try json(try run(["info", "--index", store, "--json"]).stdout)["documents"] as? Int, 39)
    }
}

/// A `psql` session that holds the locks a training takes while it adopts its model (`LOCK semhash.model IN
/// EXCLUSIVE MODE; LOCK semhash.documents IN SHARE MODE`) for up to `seconds`, until `release`.
final class AdoptionLocks {
    static let seconds = 60.0
    private let store: String
    private let session = Process()

    /// Starts the session on the store at `url` and returns once it holds the locks.
    init(held url: String) throws {
        store = url
        session.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        session.arguments = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", """
            BEGIN; LOCK semhash.model IN EXCLUSIVE MODE; LOCK semhash.documents IN SHARE MODE;
            SELECT pg_sleep(\(Self.seconds)); COMMIT;
            """]
        session.standardOutput = FileHandle.nullDevice
        try session.run()
        let deadline = Date().addingTimeInterval(30)
        while try PostgresTestServer.psql(url, """
            SELECT count(*) FROM pg_locks AS l JOIN pg_class AS c ON c.oid = l.relation
            WHERE c.relname = 'model' AND l.mode = 'ExclusiveLock' AND l.granted
            """).trimmingCharacters(in: .whitespacesAndNewlines) != "1" {
            guard Date() < deadline, session.isRunning else { throw XCTSkip("psql did not take the locks within 30 s") }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// Ends the session (its locks with it) and waits for `psql` to exit; does nothing the second time.
    func release() {
        guard session.isRunning else { return }
        _ = try? PostgresTestServer.psql(store, """
            SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE '%pg_sleep%'
            """)
        session.waitUntilExit()
    }
}
