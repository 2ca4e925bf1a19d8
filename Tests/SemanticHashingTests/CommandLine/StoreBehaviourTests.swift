import Foundation
import XCTest

/// The behaviour every store shows through the command line, whichever store holds the index: counts,
/// answers, removal, adding back, replacing, checking. These run on a SQLite file; `PostgresStoreBehaviourTests`
/// runs the same tests on a PostgreSQL store.
class StoreBehaviourTests: CommandLineTestCase {
    static let question = "rockets launch into orbit"

    /// The index the tests work on: a file path or a `postgresql://` URL.
    var index = ""

    /// The store the tests work on that holds the index in the file `sqlite`: the file itself here.
    func store(of sqlite: String) throws -> String {
        sqlite
    }

    /// Makes the index the tests work on, holding the 40 sample documents encoded by a trained model.
    func makeIndex() throws -> String {
        try store(of: try indexSamples())
    }

    override func setUpWithError() throws {
        try super.setUpWithError()
        index = try makeIndex()
    }

    func testInfoCountsTheDocumentsAndCheckFindsTheIndexSound() throws {
        let info = try succeeded(["info", "--index", index, "--json"])
        XCTAssertEqual(info["documents"] as? Int, 40)
        XCTAssertEqual(info["codes"] as? Int, 40)
        let check = try run(["check", "--index", index])
        XCTAssertEqual(check.status, 0, check.stdout + check.stderr)
        XCTAssertTrue(check.stdout.contains("sound (40 documents, 40 codes)"), check.stdout)
    }

    func testSimilarFindsAnAddedCopyOfADocumentFirst() throws {
        let original = "space/moon-landing.txt"
        let corpus = directory.appendingPathComponent("copies/space")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.samples + "/" + original,
                                         toPath: corpus.appendingPathComponent("moon-landing-copy.txt").path)
        let added = try succeeded(["add", corpus.deletingLastPathComponent().path, "--index", index, "--json", "--quiet"])
        XCTAssertEqual(added["documents"] as? Int, 41)
        let similar = try succeeded(["similar", original, "--index", index, "-k", "3", "--json", "--metric", "euclidean"])
        let first = try XCTUnwrap((similar["hits"] as? [[String: Any]])?.first)
        XCTAssertEqual(first["id"] as? String, "space/moon-landing-copy.txt", "the same words give the same code")
        XCTAssertEqual(try XCTUnwrap(first["distance"] as? Double), 0, accuracy: 1e-5)
    }

    func testRemovedDocumentsAreGoneAndAddingThemBackRestoresTheAnswers() throws {
        let ask = ["ask", Self.question, "--index", index, "-k", "5", "--json", "--metric", "euclidean"]
        let before = try hitIDs(ask)
        _ = try succeeded(["topics", "--index", index, "--count", "3", "--json", "--quiet"])
        func listedSizes() throws -> Int {
            try ["0", "1", "2", "unassigned"].reduce(0) { sum, topic in
                let shown = try run(["topics", "show", topic, "--index", index, "--limit", "0", "--json"])
                return sum + (shown.status == 0 ? try json(shown.stdout)["size"] as? Int ?? 0 : 0)
            }
        }
        XCTAssertEqual(try listedSizes(), 40)
        let removed = try succeeded(["remove", before[0], before[1], "not/indexed.txt", before[0], "--index", index, "--json"])
        XCTAssertEqual(removed["removed"] as? Int, 2)
        XCTAssertEqual(removed["not_found"] as? Int, 1, "an id named twice counts once")
        XCTAssertEqual(removed["not_found_ids"] as? [String], ["not/indexed.txt"])
        XCTAssertEqual(removed["documents"] as? Int, 38)
        let without = try hitIDs(ask)
        XCTAssertFalse(without.contains(before[0]) || without.contains(before[1]), "\(without)")
        XCTAssertEqual(try listedSizes(), 38, "a listed topic holds the documents it has now")
        let check = try run(["check", "--index", index])
        XCTAssertEqual(check.status, 0, check.stdout + check.stderr)

        let added = try succeeded(["add", Self.samples, "--index", index, "--json", "--quiet"])
        XCTAssertEqual(added["documents"] as? Int, 40, "adding the corpus again adds only the two removed")
        XCTAssertEqual(added["replaced_documents"] as? Int, 38, "and replaces the 38 others")
        XCTAssertEqual(try hitIDs(ask), before, "the same words encode to the same codes")
        let checkAfter = try run(["check", "--index", index])
        XCTAssertEqual(checkAfter.status, 0, checkAfter.stdout + checkAfter.stderr)
    }

    func testAddingADocumentWithAnIndexedIDReplacesIt() throws {
        let corpus = directory.appendingPathComponent("replacement")
        let sample = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: Self.samples + "/space").sorted().first)
        let text = Data("Bread and butter\n\nflour oven bread butter recipe".utf8)
        // The new text under the indexed id, and the same text under a new id: their codes must be equal.
        for (folder, name) in [("space", sample), ("cooking", "replacement-twin.txt")] {
            try FileManager.default.createDirectory(at: corpus.appendingPathComponent(folder), withIntermediateDirectories: true)
            try text.write(to: corpus.appendingPathComponent(folder).appendingPathComponent(name))
        }
        let added = try succeeded(["add", corpus.path, "--index", index, "--json", "--quiet"])
        XCTAssertEqual(added["documents"] as? Int, 41, "one document replaced, one added")
        XCTAssertEqual(added["documents_read"] as? Int, 2)
        XCTAssertEqual(added["replaced_documents"] as? Int, 1)
        let similar = try succeeded(["similar", "space/\(sample)", "--index", index, "-k", "3", "--json",
                                     "--metric", "euclidean"])
        let first = try XCTUnwrap((similar["hits"] as? [[String: Any]])?.first)
        XCTAssertEqual(first["id"] as? String, "cooking/replacement-twin.txt", "the stored words are the new text's")
        // The same words give the same code up to the rounding of the batch they were encoded in.
        XCTAssertEqual(try XCTUnwrap(first["distance"] as? Double), 0, accuracy: 1e-5)
        let check = try run(["check", "--index", index])
        XCTAssertEqual(check.status, 0, check.stdout + check.stderr)
    }

    /// An index records the cleaning its corpus was read with, and keeps it in any store; `add` and `eval`
    /// reading a corpus without `--strip` into an index read with `--strip usenet` say so, and are silent with
    /// `--strip` given or when the index's corpus was read without cleaning.
    func testAddAndEvalNoteACorpusReadWithoutTheIndexsCleaning() throws {
        let file = path("usenet.sqlite")
        let indexed = try run(["index", Self.samples, "--index", file, "--min-df", "1", "--strip", "usenet", "--quiet"]
                              + Self.smallModel)
        XCTAssertEqual(indexed.status, 0, indexed.stderr)
        let cleaned = try store(of: file)
        let settings = try XCTUnwrap(try succeeded(["info", "--index", cleaned, "--json"])["settings"] as? [String: Any])
        XCTAssertEqual(settings["text_cleaning"] as? String, "usenet", "\(settings)")
        let note = "note: the index's corpus was read with --strip usenet and this one without it; pass --strip usenet"
        let added = try run(["add", Self.samples, "--index", cleaned])
        XCTAssertEqual(added.status, 0, added.stderr)
        XCTAssertTrue(added.stderr.contains(note), added.stderr)
        let evaluated = try run(["eval", "--index", cleaned, "--queries", Self.samples, "--metric", "cosine"])
        XCTAssertEqual(evaluated.status, 0, evaluated.stderr)
        XCTAssertTrue(evaluated.stderr.contains(note), evaluated.stderr)
        for strip in ["none", "usenet"] {
            let chosen = try run(["add", Self.samples, "--index", cleaned, "--strip", strip])
            XCTAssertEqual(chosen.status, 0, chosen.stderr)
            XCTAssertFalse(chosen.stderr.contains("note: the index's corpus"), chosen.stderr)
        }
        let quiet = try run(["add", Self.samples, "--index", index])
        XCTAssertFalse(quiet.stderr.contains("note: the index's corpus"), "an index read without cleaning: \(quiet.stderr)")
        let plainSettings = try XCTUnwrap(try succeeded(["info", "--index", index, "--json"])["settings"] as? [String: Any])
        XCTAssertEqual(plainSettings["text_cleaning"] as? String, "none")
    }

    // MARK: Helpers

    func succeeded(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let outcome = try run(arguments)
        XCTAssertEqual(outcome.status, 0, outcome.stderr, file: file, line: line)
        return try json(outcome.stdout)
    }

    func hitIDs(_ arguments: [String]) throws -> [String] {
        try XCTUnwrap(try succeeded(arguments)["hits"] as? [[String: Any]]).compactMap { $0["id"] as? String }
    }
}
