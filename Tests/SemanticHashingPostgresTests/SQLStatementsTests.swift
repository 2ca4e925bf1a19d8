import Foundation
@testable import SemanticHashingPostgres
import XCTest

/// The hand-written splitter of SQL scripts into statements, which the migrations run one at a time: cases
/// written out by hand, then every real migration file.
final class SQLStatementsTests: XCTestCase {
    /// Each script splits into exactly its statements.
    private func assertSplits(_ cases: [(script: String, statements: [String])],
                              file: StaticString = #filePath, line: UInt = #line) {
        for (script, statements) in cases {
            XCTAssertEqual(SQLStatements.split(script), statements, script, file: file, line: line)
        }
    }

    func testStatementsEndAtSemicolonsAndAreTrimmed() {
        let cases: [(script: String, statements: [String])] = [
            ("SELECT 1; SELECT 2;", ["SELECT 1", "SELECT 2"]),
            ("SELECT 1;SELECT 2;", ["SELECT 1", "SELECT 2"]),
            ("  \n\tSELECT 1  \n ;\n", ["SELECT 1"]),
            ("SELECT\n  1\n  + 2;", ["SELECT\n  1\n  + 2"]),
            ("SELECT 'é' AS 東京;", ["SELECT 'é' AS 東京"]),
        ]
        assertSplits(cases)
    }

    func testTrailingTextWithoutASemicolonIsTheLastStatement() {
        let cases: [(script: String, statements: [String])] = [
            ("SELECT 1", ["SELECT 1"]),
            ("SELECT 1; SELECT 2", ["SELECT 1", "SELECT 2"]),
            ("SELECT 1;\nSELECT 2\n\n", ["SELECT 1", "SELECT 2"]),
            ("SELECT 1 -- no newline; at the end", ["SELECT 1 -- no newline; at the end"]),
        ]
        assertSplits(cases)
    }

    func testEmptyStatementsAndEmptyScriptsGiveNothing() {
        let cases: [(script: String, statements: [String])] = [
            ("", []),
            ("   \n\t\r\n", []),
            (";", []),
            (";;  ;\n;", []),
            ("SELECT 1;;;SELECT 2", ["SELECT 1", "SELECT 2"]),
            (";\n; SELECT 1 ;\n;", ["SELECT 1"]),
        ]
        assertSplits(cases)
    }

    func testASingleQuotedStringKeepsItsSemicolonsAndItsDoubledQuotes() {
        let cases: [(script: String, statements: [String])] = [
            ("SELECT 'a;b'; SELECT 2", ["SELECT 'a;b'", "SELECT 2"]),
            ("SELECT 'it''s; fine'; SELECT 2", ["SELECT 'it''s; fine'", "SELECT 2"]),
            // '''' is a string of one quote; '' an empty string.
            ("SELECT ''''; SELECT ''; SELECT 3", ["SELECT ''''", "SELECT ''", "SELECT 3"]),
            ("SELECT 'a'';'';b'';'; SELECT 2", ["SELECT 'a'';'';b'';'", "SELECT 2"]),
            // Comment and dollar-quote markers inside a string are text.
            ("SELECT '-- no comment;'; SELECT 2", ["SELECT '-- no comment;'", "SELECT 2"]),
            ("SELECT '/*'; SELECT '*/'", ["SELECT '/*'", "SELECT '*/'"]),
            ("SELECT '$$'; SELECT ';$$'", ["SELECT '$$'", "SELECT ';$$'"]),
            // In a standard string a backslash is an ordinary character: 'a\' ends at its second quote.
            (#"SELECT 'a\'; SELECT 2"#, [#"SELECT 'a\'"#, "SELECT 2"]),
            // A string that never ends runs to the end of the script.
            ("SELECT 'unterminated; string", ["SELECT 'unterminated; string"]),
        ]
        assertSplits(cases)
    }

    func testAnEscapeStringKeepsItsBackslashEscapedQuotes() {
        let cases: [(script: String, statements: [String])] = [
            (#"SELECT E'it\'s; here'; SELECT 2"#, [#"SELECT E'it\'s; here'"#, "SELECT 2"]),
            (#"SELECT e'\\'; SELECT 2"#, [#"SELECT e'\\'"#, "SELECT 2"]),
            (#"SELECT E'a\\\'; b'; SELECT 2"#, [#"SELECT E'a\\\'; b'"#, "SELECT 2"]),
            (#"SELECT E'it''s; \';'; SELECT 2"#, [#"SELECT E'it''s; \';'"#, "SELECT 2"]),
            (#"SELECT x, E'\''; SELECT 2"#, [#"SELECT x, E'\''"#, "SELECT 2"]),
            // Only a lone E makes an escape string: after a longer word ending in e, the string is standard.
            (#"SELECT date'a\'; SELECT 2"#, [#"SELECT date'a\'"#, "SELECT 2"]),
            (#"SELECT 1 AS e; SELECT 'a\'; SELECT 2"#, ["SELECT 1 AS e", #"SELECT 'a\'"#, "SELECT 2"]),
        ]
        assertSplits(cases)
    }

    func testAQuotedIdentifierKeepsItsSemicolonsAndItsDoubledQuotes() {
        let cases: [(script: String, statements: [String])] = [
            (#"SELECT 1 AS "a;b"; SELECT 2"#, [#"SELECT 1 AS "a;b""#, "SELECT 2"]),
            (#"SELECT 1 AS "say ""hi;"""; SELECT 2"#, [#"SELECT 1 AS "say ""hi;""""#, "SELECT 2"]),
            // An apostrophe inside a quoted identifier opens no string.
            (#"SELECT 1 AS "it's"; SELECT 2"#, [#"SELECT 1 AS "it's""#, "SELECT 2"]),
        ]
        assertSplits(cases)
    }

    func testADollarQuotedBodyKeepsItsSemicolons() {
        let function = "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; SELECT 2; $$"
        let cases: [(script: String, statements: [String])] = [
            (function + "; SELECT 3", [function, "SELECT 3"]),
            (function + ";\n" + function + ";", [function, function]),
            // A tagged body ends only at its own tag: $$ and other tags inside are text.
            ("DO $body$ BEGIN RAISE NOTICE '$$;'; END $body$; SELECT 1",
             ["DO $body$ BEGIN RAISE NOTICE '$$;'; END $body$", "SELECT 1"]),
            ("AS $outer$ EXECUTE $inner$ SELECT 1; $inner$; $outer$; SELECT 2",
             ["AS $outer$ EXECUTE $inner$ SELECT 1; $inner$; $outer$", "SELECT 2"]),
            ("AS $$ EXECUTE $q$ SELECT $1; $q$; $$; SELECT 2", ["AS $$ EXECUTE $q$ SELECT $1; $q$; $$", "SELECT 2"]),
            // Tags take letters, digits after the first character and underscores; they are case-sensitive.
            ("$_tag_1$ a; $_tag_1$; SELECT 2", ["$_tag_1$ a; $_tag_1$", "SELECT 2"]),
            ("$a$ x; $A$ y; $a$; SELECT 2", ["$a$ x; $A$ y; $a$", "SELECT 2"]),
            ("$ü$ x; $ü$; SELECT 2", ["$ü$ x; $ü$", "SELECT 2"]),
            // Quotes and comment markers inside a body are text.
            ("AS $$ SELECT 'it''s'; don't -- ; $$; SELECT 2", ["AS $$ SELECT 'it''s'; don't -- ; $$", "SELECT 2"]),
            ("AS $$ /* ; $$; SELECT 2", ["AS $$ /* ; $$", "SELECT 2"]),
            // A body that never ends runs to the end of the script.
            ("AS $$ SELECT 1; SELECT 2", ["AS $$ SELECT 1; SELECT 2"]),
        ]
        assertSplits(cases)
    }

    func testADollarSignInsideAnIdentifierOpensNoBody() {
        // PostgreSQL: identifiers may contain $, and a dollar quote right after one is part of it.
        let cases: [(script: String, statements: [String])] = [
            ("SELECT 1 AS a$$; SELECT 2", ["SELECT 1 AS a$$", "SELECT 2"]),
            ("SELECT x$tag$; SELECT 2", ["SELECT x$tag$", "SELECT 2"]),
            ("SELECT a$b$c, _1$$; SELECT $$x;$$", ["SELECT a$b$c, _1$$", "SELECT $$x;$$"]),
            // After anything but an identifier, $$ still opens a body.
            ("SELECT f($$;$$); SELECT 2", ["SELECT f($$;$$)", "SELECT 2"]),
            ("SELECT 1,$$;$$; SELECT 2", ["SELECT 1,$$;$$", "SELECT 2"]),
            ("SELECT a $$;$$; SELECT 2", ["SELECT a $$;$$", "SELECT 2"]),
        ]
        assertSplits(cases)
    }

    func testAParameterIsNotADollarQuote() {
        let cases: [(script: String, statements: [String])] = [
            ("SELECT $1; SELECT $2", ["SELECT $1", "SELECT $2"]),
            ("SELECT $1 + $2; SELECT 3", ["SELECT $1 + $2", "SELECT 3"]),
            ("SELECT $12; SELECT 3", ["SELECT $12", "SELECT 3"]),
            ("SELECT 5 $ 3; SELECT 4", ["SELECT 5 $ 3", "SELECT 4"]),
        ]
        assertSplits(cases)
    }

    func testALineCommentKeepsItsSemicolonsAndQuotes() {
        let cases: [(script: String, statements: [String])] = [
            ("SELECT 1; -- a comment; with semicolons\nSELECT 2;",
             ["SELECT 1", "-- a comment; with semicolons\nSELECT 2"]),
            ("-- it's a comment\nSELECT 1; SELECT 2", ["-- it's a comment\nSELECT 1", "SELECT 2"]),
            ("-- /* not a block comment\nSELECT 1; SELECT 2", ["-- /* not a block comment\nSELECT 1", "SELECT 2"]),
            ("SELECT 1 -- $$ no body\n; SELECT 2", ["SELECT 1 -- $$ no body", "SELECT 2"]),
            // `--` starts a comment even right after an operand: the semicolon after it is commented out.
            ("SELECT 2--1;\nSELECT 3", ["SELECT 2--1;\nSELECT 3"]),
            ("SELECT 2 - -1; SELECT 3", ["SELECT 2 - -1", "SELECT 3"]),
        ]
        assertSplits(cases)
    }

    func testABlockCommentKeepsItsSemicolonsAndQuotes() {
        let cases: [(script: String, statements: [String])] = [
            ("SELECT /* ; */ 1; SELECT 2", ["SELECT /* ; */ 1", "SELECT 2"]),
            ("/* it's; */ SELECT 1; SELECT 2", ["/* it's; */ SELECT 1", "SELECT 2"]),
            ("SELECT /* -- \n ; */ 1; SELECT 2", ["SELECT /* -- \n ; */ 1", "SELECT 2"]),
            ("SELECT 4/2; SELECT 3*2", ["SELECT 4/2", "SELECT 3*2"]),
            // A comment that never ends runs to the end of the script.
            ("SELECT 1; /* unterminated; comment", ["SELECT 1"]),
            ("SELECT 1 /* unterminated; comment", ["SELECT 1 /* unterminated; comment"]),
        ]
        assertSplits(cases)
    }

    func testStatementsOfOnlyCommentsAreDropped() {
        let cases: [(script: String, statements: [String])] = [
            ("-- only a comment;\n", []),
            ("-- one\n-- two; three\n", []),
            ("/* a; b */", []),
            ("/* a */ ; -- b\n;", []),
            ("SELECT 1;\n-- the end; nothing after it\n", ["SELECT 1"]),
            ("SELECT 1; /* the end */", ["SELECT 1"]),
            ("-- a comment of its own\n;\nSELECT 1;", ["SELECT 1"]),
        ]
        assertSplits(cases)
    }

    func testABlockCommentNestsAsInPostgreSQL() {
        let cases: [(script: String, statements: [String])] = [
            ("/* outer /* inner; */ still; a comment */ SELECT 1; SELECT 2",
             ["/* outer /* inner; */ still; a comment */ SELECT 1", "SELECT 2"]),
            ("/* /* /* deep; */ ; */ ; */ SELECT 1; SELECT 2", ["/* /* /* deep; */ ; */ ; */ SELECT 1", "SELECT 2"]),
            ("/**/ SELECT 1; SELECT /***/ 2", ["/**/ SELECT 1", "SELECT /***/ 2"]),
            // Quotes mean nothing in a comment: the second */ ends it, and the quote after it opens a string.
            (#"SELECT 'TEST' || /* "/*" */ '*/'; SELECT 2"#, [#"SELECT 'TEST' || /* "/*" */ '*/'; SELECT 2"#]),
            // The outer comment never ends: nothing but comment.
            ("/* /* unterminated; */ SELECT 1; SELECT 2", []),
        ]
        assertSplits(cases)
    }

    // MARK: The migration files

    /// The migration files in `Sources/SemanticHashingPostgres/Migrations`, by name, read from the disk.
    private func migrationFiles() throws -> [(name: String, text: String)] {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/SemanticHashingPostgres/Migrations")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".sql") }.sorted()
        return try names.map { name in
            (name, try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))
        }
    }

    /// The statements of every migration file as the migrations run them (`PostgresMigrations.all`, split by
    /// `SQLStatements.split`), with the file's name.
    private func splitMigrations() throws -> [(name: String, text: String, statements: [String])] {
        let embedded = PostgresMigrations.all.flatMap(\.sql)
        let files = try migrationFiles()
        XCTAssertEqual(embedded.count, files.count, "one embedded migration per file")
        return zip(files, embedded).map { file, sql in
            XCTAssertEqual(sql, file.text, "\(file.name) is embedded in the order of the file names")
            return (file.name, file.text, SQLStatements.split(sql))
        }
    }

    /// `text` without its `--` and `/* */` comments: a naive reading, right for the migration files, which
    /// have no comment markers inside strings.
    private func withoutComments(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while !rest.isEmpty {
            if rest.hasPrefix("--") {
                rest = rest.drop { $0 != "\n" }
            } else if rest.hasPrefix("/*"), let end = rest.range(of: "*/") {
                rest = rest[end.upperBound...]
            } else {
                result.append(rest.removeFirst())
            }
        }
        return result
    }

    private func withoutWhiteSpace(_ text: String) -> String {
        String(text.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init))
    }

    func testTheMigrationsEmbedEveryMigrationFileInOrder() throws {
        let files = try migrationFiles()
        XCTAssertEqual(files.map(\.name),
                       ["v1-schema.sql", "v1-search.sql", "v2-words.sql", "v3-changes.sql", "v4-change-log.sql",
                        "v5-wordless.sql"])
        XCTAssertEqual(PostgresMigrations.all.map(\.version), [1, 2, 3, 4, 5])
        XCTAssertEqual(PostgresMigrations.all.map(\.sql.count), [2, 1, 1, 1, 1])
        XCTAssertEqual(PostgresMigrations.all.map(\.afterwards), [[], [], [], [], ["VACUUM ANALYZE semhash.codes"]])
        _ = try splitMigrations()
    }

    func testEveryMigrationFileSplitsIntoTheStatementsCountedByHand() throws {
        // The start of each statement (after its comments), read off the files by hand.
        let createOrReplace = "CREATE OR REPLACE FUNCTION semhash_"
        let expected: [String: [String]] = [
            "v1-schema.sql": [
                "CREATE SCHEMA semhash", "SET search_path = semhash", "CREATE TABLE meta (", "INSERT INTO meta (",
                "CREATE TABLE vocabulary (", "CREATE TABLE documents (", "CREATE INDEX documents_by_external_id ",
                "CREATE TABLE model (", "CREATE TABLE checkpoints (", "CREATE TABLE codes (",
                "CREATE INDEX codes_by_substring0 ", "CREATE INDEX codes_by_substring1 ",
                "CREATE INDEX codes_by_substring2 ", "CREATE INDEX codes_by_substring3 ", "CREATE TABLE topics (",
                "CREATE TABLE document_topics (", "CREATE INDEX document_topics_by_topic ",
                "CREATE TABLE substring_masks (", "INSERT INTO substring_masks (",
                "CREATE INDEX substring_masks_by_weight ", "CREATE FUNCTION semhash_document_id(",
            ],
            "v1-search.sql": [
                "SET search_path = semhash", createOrReplace + "distance(", createOrReplace + "substring_count(",
                createOrReplace + "substring_probes(", createOrReplace + "within(", createOrReplace + "nearest(",
                createOrReplace + "scan_within(", createOrReplace + "scan_nearest(",
            ],
            "v2-words.sql": ["ALTER TABLE semhash.vocabulary ADD COLUMN word ", "UPDATE semhash.meta SET value = '2' "],
            "v3-changes.sql": ["CREATE TABLE semhash.changes (", "UPDATE semhash.meta SET value = '3' "],
            "v4-change-log.sql": [
                "ALTER TABLE semhash.changes ALTER COLUMN document_id ",
                "ALTER TABLE semhash.changes ALTER COLUMN changed_at ", "CREATE INDEX changes_by_time ",
                "CREATE TABLE semhash.change_log (", "INSERT INTO semhash.change_log (",
                "UPDATE semhash.meta SET value = '4' ",
            ],
            "v5-wordless.sql": [
                "ALTER TABLE semhash.codes ADD COLUMN wordless ", "UPDATE semhash.codes AS c SET wordless = true ",
                "ALTER TABLE semhash.codes ALTER COLUMN wordless DROP DEFAULT",
                "DROP INDEX semhash.codes_by_substring0", "DROP INDEX semhash.codes_by_substring1",
                "DROP INDEX semhash.codes_by_substring2", "DROP INDEX semhash.codes_by_substring3",
                "CREATE INDEX codes_by_substring0 ", "CREATE INDEX codes_by_substring1 ",
                "CREATE INDEX codes_by_substring2 ", "CREATE INDEX codes_by_substring3 ",
                "CREATE OR REPLACE FUNCTION semhash.semhash_within(",
                "CREATE OR REPLACE FUNCTION semhash.semhash_scan_within(",
                "CREATE OR REPLACE FUNCTION semhash.semhash_scan_nearest(", "UPDATE semhash.meta SET value = '5' ",
            ],
        ]
        let migrations = try splitMigrations()
        XCTAssertEqual(Set(migrations.map(\.name)), Set(expected.keys))
        for (name, _, statements) in migrations {
            let starts = expected[name] ?? []
            XCTAssertEqual(statements.count, starts.count, name)
            for (statement, start) in zip(statements, starts) {
                let code = withoutComments(statement).trimmingCharacters(in: .whitespacesAndNewlines)
                XCTAssertTrue(code.hasPrefix(start), "\(name): \(code.prefix(80)) should start with \(start)")
            }
        }
    }

    func testEveryMigrationStatementIsWholeAndTheirListRebuildsTheFile() throws {
        for (name, text, statements) in try splitMigrations() {
            XCTAssertFalse(statements.isEmpty, name)
            var searchFrom = text.startIndex
            for statement in statements {
                // No statement is empty, nor only comments, nor padded with white space.
                XCTAssertFalse(withoutComments(statement).trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
                               "\(name): \(statement)")
                XCTAssertEqual(statement, statement.trimmingCharacters(in: .whitespacesAndNewlines), name)
                // Each is a piece of the file, verbatim, after the one before.
                guard let range = text.range(of: statement, range: searchFrom..<text.endIndex) else {
                    XCTFail("\(name): not found in the file after the statement before: \(statement.prefix(80))")
                    continue
                }
                searchFrom = range.upperBound
                XCTAssertEqual(text[range.upperBound...].drop { $0.isWhitespace }.first, ";",
                               "\(name): a semicolon ends \(statement.prefix(80))")
            }
            // Rejoined, each statement ended by its semicolon, they are the file's code (comments and white
            // space aside): nothing is lost or added between them.
            XCTAssertEqual(statements.map { withoutWhiteSpace(withoutComments($0)) + ";" }.joined(),
                           withoutWhiteSpace(withoutComments(text)), name)
        }
    }

    func testEveryFunctionBodyOfTheMigrationsStaysInOneStatement() throws {
        var functions = 0
        var bodies = 0
        for (name, text, statements) in try splitMigrations() {
            // Each CREATE FUNCTION starts its own statement, and no other statement holds one.
            let creations = text.components(separatedBy: "CREATE FUNCTION").count - 1
                + text.components(separatedBy: "CREATE OR REPLACE FUNCTION").count - 1
            let creating = statements.filter { $0.contains("CREATE FUNCTION") || $0.contains("CREATE OR REPLACE FUNCTION") }
            XCTAssertEqual(creating.count, creations, name)
            functions += creations
            for statement in creating {
                let code = withoutComments(statement).trimmingCharacters(in: .whitespacesAndNewlines)
                XCTAssertTrue(code.hasPrefix("CREATE FUNCTION") || code.hasPrefix("CREATE OR REPLACE FUNCTION"), name)
                XCTAssertEqual(code.components(separatedBy: "FUNCTION").count - 1, 1, "\(name): one function each")
            }
            // Each $$ body, read from the file to the next $$ (the files nest only $query$ inside one), is
            // inside one statement, which ends with it; a $query$ body stays whole inside its function.
            var rest = Substring(text)
            while let open = rest.range(of: "AS $$") {
                guard let close = rest[open.upperBound...].range(of: "$$") else {
                    XCTFail("\(name): a $$ body without its end")
                    break
                }
                let body = String(rest[open.lowerBound..<close.upperBound])
                let holding = statements.filter { $0.contains(body) }
                XCTAssertEqual(holding.count, 1, "\(name): \(body.prefix(60))")
                XCTAssertTrue(holding.first?.hasSuffix(body) ?? false, name)
                XCTAssertEqual(body.components(separatedBy: "$query$").count % 2, 1, "\(name): whole $query$ bodies")
                bodies += 1
                rest = rest[close.upperBound...]
            }
        }
        // Counted by hand: semhash_document_id, the seven of v1-search.sql, five of them in $$, and the three
        // v5-wordless.sql replaces, all in $$.
        XCTAssertEqual(functions, 11)
        XCTAssertEqual(bodies, 8)
    }
}
