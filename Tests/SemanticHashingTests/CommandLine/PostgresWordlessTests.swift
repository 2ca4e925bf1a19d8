import Foundation
@testable import SemanticHashing
import XCTest

/// Wordless documents in the PostgreSQL store (format 5): every writer flags their codes (`codes.wordless`),
/// the store's SQL search functions never return them though they are stored and copied like any other, and a
/// store of format 4 upgrades when a writer opens it.
final class PostgresWordlessTests: PostgresTestCase {
    /// Two documents without a word of the samples' vocabulary: both get the empty bag's code.
    private func writeWordlessCorpus() throws -> String {
        let corpus = path("wordless.jsonl")
        try Data("""
            {"id": "wordless/1", "text": "zzzqqq xyzzy"}
            {"id": "wordless/2", "text": "qqqzzz yzzyx"}

            """.utf8).write(to: URL(fileURLWithPath: corpus))
        return corpus
    }

    private func add(_ corpus: String, to index: String) throws {
        let added = try run(["add", corpus, "--format", "jsonl", "--index", index, "--quiet"])
        XCTAssertEqual(added.status, 0, added.stderr)
    }

    /// The output of `sql` on the database at `url`, without its last newline.
    private func sql(_ url: String, _ sql: String) throws -> String {
        try PostgresTestServer.psql(url, sql).trimmingCharacters(in: .newlines)
    }

    /// The external ids of the documents whose code is flagged wordless, and the number of codes whose flag
    /// is not their document's `empty`.
    private func flags(_ url: String) throws -> (flagged: String, disagreeing: String) {
        (try sql(url, """
            SELECT string_agg(d.external_id, ' ' ORDER BY d.external_id) FROM semhash.codes AS c
            JOIN semhash.documents AS d ON d.id = c.document_id WHERE c.wordless
            """),
         try sql(url, """
            SELECT count(*) FROM semhash.codes AS c JOIN semhash.documents AS d ON d.id = c.document_id
            WHERE c.wordless <> d.empty
            """))
    }

    /// For each search function asked about the wordless documents' code (within radius 0, the 50 nearest):
    /// the rows it returns, and how many of them are wordless documents.
    private func answersAtTheWordlessCode(_ url: String) throws -> [String] {
        let hash = try sql(url, """
            SELECT c.hash FROM semhash.codes AS c JOIN semhash.documents AS d ON d.id = c.document_id
            WHERE d.external_id = 'wordless/1'
            """)
        return try ["semhash_within(q, 0)", "semhash_scan_within(q, 0)", "semhash_nearest(q, 50)",
                    "semhash_scan_nearest(q, 50)"].map { call in
            let counts = try sql(url, """
                SELECT count(*) || ' ' || count(*) FILTER (WHERE d.empty)
                FROM semhash.\(call.replacingOccurrences(of: "q,", with: "'\(hash)',")) AS r
                JOIN semhash.documents AS d ON d.id = r.document_id
                """)
            return "\(call): \(counts)"
        }
    }

    func testEveryWriterFlagsWordlessCodesWhichTheSearchFunctionsLeaveOutAndCopiesKeep() throws {
        let corpus = try writeWordlessCorpus()
        // A whole index with wordless documents copied in, and back.
        try add(corpus, to: sqlite)
        let copied = try PostgresTestServer.freshDatabase()
        XCTAssertEqual(try run(["copy", sqlite, copied]).status, 0)
        XCTAssertEqual(try flags(copied).flagged, "wordless/1 wordless/2")
        XCTAssertEqual(try flags(copied).disagreeing, "0")
        XCTAssertEqual(try sql(copied, "SELECT count(*) FROM semhash.codes"), "42", "the wordless codes are stored")
        XCTAssertEqual(try answersAtTheWordlessCode(copied), [
            "semhash_within(q, 0): 0 0", "semhash_scan_within(q, 0): 0 0",
            "semhash_nearest(q, 50): 40 0", "semhash_scan_nearest(q, 50): 40 0",
        ])
        let back = path("back.sqlite")
        XCTAssertEqual(try run(["copy", copied, back]).status, 0)
        try assertSameDocumentsAndCodes(try IndexStore.open(at: sqlite, mode: .readOnly),
                                        try IndexStore.open(at: back, mode: .readOnly))

        // Documents added, then one replaced by a document with words, then every code re-encoded.
        try add(corpus, to: store)
        XCTAssertEqual(try flags(store).flagged, "wordless/1 wordless/2")
        XCTAssertEqual(try sql(store, """
            SELECT count(*) FROM semhash.codes AS c, semhash.codes AS w JOIN semhash.documents AS d ON d.id = w.document_id
            WHERE d.external_id = 'wordless/1' AND semhash.semhash_distance(c.hash, w.hash) = 0
            """), "2", "both wordless documents have the one code the searches are asked about")
        XCTAssertEqual(try answersAtTheWordlessCode(store), [
            "semhash_within(q, 0): 0 0", "semhash_scan_within(q, 0): 0 0",
            "semhash_nearest(q, 50): 40 0", "semhash_scan_nearest(q, 50): 40 0",
        ])
        let replacement = path("replacement.jsonl")
        try Data(#"{"id": "wordless/2", "text": "rockets orbit the moon"}"#.utf8).write(to: URL(fileURLWithPath: replacement))
        try add(replacement, to: store)
        XCTAssertEqual(try flags(store).flagged, "wordless/1")
        XCTAssertEqual(try flags(store).disagreeing, "0")
        let trained = try run(["train", "--index", store, "--quiet"] + Self.smallModel)
        XCTAssertEqual(trained.status, 0, trained.stderr)
        XCTAssertEqual(try flags(store).flagged, "wordless/1", "the retraining's codes are flagged too")
        XCTAssertEqual(try flags(store).disagreeing, "0")
        XCTAssertEqual(try answersAtTheWordlessCode(store), [
            "semhash_within(q, 0): 0 0", "semhash_scan_within(q, 0): 0 0",
            "semhash_nearest(q, 50): 41 0", "semhash_scan_nearest(q, 50): 41 0",
        ])
        let check = try run(["check", "--index", store])
        XCTAssertEqual(check.status, 0, check.stdout + check.stderr)

        // A flag that disagrees with its document is a problem check reports.
        try PostgresTestServer.psql(store, """
            UPDATE semhash.codes SET wordless = false
            WHERE document_id = semhash.semhash_document_id('wordless/1')
            """)
        let found = try run(["check", "--index", store])
        XCTAssertEqual(found.status, 2, found.stdout + found.stderr)
        XCTAssertTrue(found.stdout.contains(
            "1 code has a wordless flag (codes.wordless) other than its document's empty (documents.empty)"), found.stdout)
    }

    /// The migration files of formats 1 to 4, as a semhash of format 4 applied them.
    private static let format4Migrations = ["v1-schema.sql", "v1-search.sql", "v2-words.sql", "v3-changes.sql",
                                            "v4-change-log.sql"].map {
        packageRoot.appendingPathComponent("Sources/SemanticHashingPostgres/Migrations/\($0)").path
    }

    /// The columns of each table a format-4 store holds data in, as it had them.
    private static let format4Columns = [
        ("meta", "key, value"), ("vocabulary", "term_id, term, document_frequency, word"),
        ("model", "id, architecture, weights, vocabulary_fingerprint, trained_at, training"),
        ("checkpoints", "name, data, saved_at"),
        ("documents", "id, external_id, title, source, labels, token_count, oov_count, excerpt, bag, empty, added_at"),
        ("codes", "document_id, code, hash"), ("topics", "id, size, decoder_words, distinctive_words, centroid"),
        ("document_topics", "document_id, topic_id, distance"),
    ]

    func testAStoreOfFormat4WithWordlessDocumentsUpgradesWhenAWriterOpensIt() throws {
        try add(try writeWordlessCorpus(), to: store)
        XCTAssertEqual(try run(["topics", "--count", "2", "--index", store, "--quiet"]).status, 0)
        // The store's rows in a store made by the migrations of format 4, as a semhash of format 4 wrote them.
        let old = try PostgresTestServer.freshDatabase()
        for file in Self.format4Migrations { try PostgresTestServer.psql(old, file: file) }
        let rows = path("rows.copy")
        for (table, columns) in Self.format4Columns {
            let kept = table == "meta" ? " WHERE key NOT IN ('format_version', 'created_at')" : ""
            try PostgresTestServer.psql(store, "\\copy (SELECT \(columns) FROM semhash.\(table)\(kept)) TO '\(rows)'")
            try PostgresTestServer.psql(old, "\\copy semhash.\(table) (\(columns)) FROM '\(rows)'")
        }
        let before = try json(try run(["info", "--index", old, "--json"]).stdout)
        XCTAssertEqual(before["format_version"] as? Int, 4, "a reader does not upgrade the store")
        XCTAssertEqual(try answersAtTheWordlessCode(old), [
            "semhash_within(q, 0): 2 2", "semhash_scan_within(q, 0): 2 2",
            "semhash_nearest(q, 50): 42 2", "semhash_scan_nearest(q, 50): 42 2",
        ], "format 4's search functions return the wordless documents")

        let more = path("more.jsonl")
        try Data(#"{"id": "more/1", "text": "bread in the oven"}"#.utf8).write(to: URL(fileURLWithPath: more))
        try add(more, to: old)
        try add(more, to: store)
        let after = try json(try run(["info", "--index", old, "--json"]).stdout)
        XCTAssertEqual(after["format_version"] as? Int, 5, "a writer upgrades the store")
        XCTAssertEqual(try flags(old).flagged, "wordless/1 wordless/2")
        XCTAssertEqual(try flags(old).disagreeing, "0")
        XCTAssertEqual(try answersAtTheWordlessCode(old), [
            "semhash_within(q, 0): 0 0", "semhash_scan_within(q, 0): 0 0",
            "semhash_nearest(q, 50): 41 0", "semhash_scan_nearest(q, 50): 41 0",
        ])
        XCTAssertEqual(try sql(old, """
            SELECT count(*) FROM pg_indexes WHERE schemaname = 'semhash' AND indexname LIKE 'codes_by_substring_'
                AND indexdef LIKE '%WHERE (NOT wordless)'
            """), "4", "the substring indexes hold only the codes of documents with words")
        let check = try run(["check", "--index", old])
        XCTAssertEqual(check.status, 0, check.stdout + check.stderr)
        let fromOld = path("old.sqlite"), fromStore = path("store.sqlite")
        XCTAssertEqual(try run(["copy", old, fromOld]).status, 0)
        XCTAssertEqual(try run(["copy", store, fromStore]).status, 0)
        try assertSameDocumentsAndCodes(try IndexStore.open(at: fromOld, mode: .readOnly),
                                        try IndexStore.open(at: fromStore, mode: .readOnly))
        let shown = ["topics", "show", "0", "--json"]
        XCTAssertEqual(try run(shown + ["--index", old]).stdout, try run(shown + ["--index", store]).stdout)
    }
}
