import Foundation
import XCTest

/// Mistakes in the options are found before any work is done: a usage error (exit status 64) naming the
/// option, no index file made, nothing stored; an output path that cannot be written is reported before the
/// work whose result it would hold.
final class UpFrontCheckTests: CommandLineTestCase {
    private func assertUsageError(_ outcome: Outcome, mentioning fragment: String, _ context: [String],
                                  file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(outcome.status, 64, "\(context): \(outcome.stderr)", file: file, line: line)
        XCTAssertTrue(outcome.stderr.hasPrefix("Error: "), "\(context): \(outcome.stderr)", file: file, line: line)
        XCTAssertTrue(outcome.stderr.contains(fragment), "\(context): missing '\(fragment)' in \(outcome.stderr)",
                      file: file, line: line)
        XCTAssertFalse(outcome.stderr.contains("Fatal error"), "\(context): \(outcome.stderr)", file: file, line: line)
    }

    func testOptionsThatCannotWorkAreUsageErrorsBeforeAnyWork() throws {
        let refused: [([String], String)] = [
            (["--word-dropout", "1"], "--word-dropout"), (["--neighbours=-1"], "--neighbours"),
            (["--neighbour-weight", "1"], "--neighbour-weight"), (["--fine-tune-batch-size", "0"], "--fine-tune-batch-size"),
            (["--fine-tune-learning-rate", "0"], "--fine-tune-learning-rate"), (["--cd-steps", "0"], "--cd-steps"),
            (["--pretrain-epochs", "-1"], "--pretrain-epochs"), (["--fine-tune-epochs=-1"], "--fine-tune-epochs"),
            (["--hash-epochs=-1"], "--hash-epochs"), (["--pretrain-learning-rate-scale", "0"], "--pretrain-learning-rate-scale"),
            (["--layers", "0"], "--layers"), (["--layers", "abc"], "--layers"), (["--layers", "16,,8"], "--layers"),
            (["--split", "test"], "--split applies to --format reuters"), (["--code", "1025"], "--code"),
        ]
        let index = path("new.sqlite")
        for (options, option) in refused {
            let outcome = try run(["index", Self.samples, "--index", index] + options)
            assertUsageError(outcome, mentioning: option, options)
            XCTAssertFalse(FileManager.default.fileExists(atPath: index), "\(options): no index is made")
        }
        assertUsageError(try run(["index", Self.samples, "--index", index, "--stem", "klingon"]),
                         mentioning: "unknown stemmer \"klingon\"", ["--stem"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: index), "--stem: no index is made")
        let existing = try indexSamples()
        assertUsageError(try run(["train", "--index", existing, "--cd-steps", "0"]), mentioning: "--cd-steps", ["train"])
        assertUsageError(try run(["ask", "--index", existing]), mentioning: "no questions", ["ask"])
        assertUsageError(try run(["copy", existing, path("copy.sqlite")]), mentioning: "are both SQLite files", ["copy"])
        assertUsageError(try run(["copy", existing, ""]), mentioning: "name both ends of the copy", ["copy", ""])
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("copy.sqlite")))
    }

    func testNegativeCountsAndUnusableTopicCountsAreUsageErrors() throws {
        let index = try indexSamples()
        let refused: [([String], String)] = [
            (["info", "--terms=-1"], "--terms"), (["topics", "show", "0", "--limit", "-5"], "--limit"),
            (["ask", "rockets", "-k", "-1"], "-k"), (["remove", "x", "--wait", "-1"], "--wait"),
            (["topics", "--words=-1"], "--words"), (["topics", "--count", "0"], "invalid topic count 0"),
            (["topics", "--count", "1...5"], "invalid topic count"),
            (["eval", "--queries", Self.samples, "--baseline", "bm25,nonsense"], "nonsense"),
            (["eval", "--queries", Self.samples, "--metric", "cosine", "--lexical-weight", "0.5"], "--lexical-weight applies"),
            (["eval", "--queries", Self.samples, "--metric", "euclidean", "--shortlist", "50"], "--shortlist applies"),
        ]
        for (command, fragment) in refused {
            assertUsageError(try run(command + ["--index", index]), mentioning: fragment, command)
        }
        let topics = try run(["topics", "show", "0", "--index", index])
        XCTAssertTrue(topics.stderr.contains("no topics yet"), "no refused command found topics: \(topics.stderr)")
    }

    func testAnOutputPathThatCannotBeWrittenIsReportedBeforeTheWork() throws {
        let index = try indexSamples()
        let plotted = try run(["topics", "--count", "3", "--plot", path("missing/map.svg"), "--index", index])
        XCTAssertEqual(plotted.status, 1, plotted.stderr)
        XCTAssertEqual(plotted.stderr, "Error: --plot \(path("missing/map.svg")) cannot be written: the folder "
                       + "\(path("missing")) does not exist; choose another path\n")
        XCTAssertTrue(try run(["topics", "show", "0", "--index", index]).stderr.contains("no topics yet"),
                      "the topics were not stored without their map")

        try Data("not a folder".utf8).write(to: URL(fileURLWithPath: path("report")))
        let evaluated = try run(["eval", "--queries", Self.samples, "--out", path("report/run"), "--index", index])
        XCTAssertEqual(evaluated.status, 1, evaluated.stderr)
        XCTAssertTrue(evaluated.stderr.hasPrefix("Error: --out \(path("report/run")) cannot be written: \(path("report")) is a file"),
                      evaluated.stderr)
        XCTAssertFalse(evaluated.stderr.contains("evaluating"), "nothing was evaluated: \(evaluated.stderr)")

        // Checked before the store is even reached: no server listens at this socket folder.
        let copied = try run(["copy", "postgresql://nobody@/db?host=\(path("no-socket"))", path("missing/back.sqlite")])
        XCTAssertEqual(copied.status, 1, copied.stderr)
        XCTAssertTrue(copied.stderr.hasPrefix("Error: the copy's destination \(path("missing/back.sqlite")) cannot be written: "
                                              + "the folder \(path("missing")) does not exist"), copied.stderr)
    }

    func testAFolderGivenAsTheIndexIsNamedAsOne() throws {
        let folder = path("folder")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for command in [["info"], ["ask", "rockets"], ["add", Self.samples, "--quiet"]] {
            let outcome = try run(command + ["--index", folder])
            XCTAssertEqual(outcome.status, 1, outcome.stderr)
            XCTAssertEqual(outcome.stderr, "Error: \(folder) is a folder, not an index file; name the index file with --index <file>\n")
        }
    }

    func testAURLOfAnotherKindIsRefusedAndAPostgreSQLSchemeIsReadInAnyCase() throws {
        let indexed = try run(["index", Self.samples, "--index", "mysql://x/y", "--quiet"])
        XCTAssertEqual(indexed.status, 1, indexed.stderr)
        XCTAssertTrue(indexed.stderr.hasPrefix("Error: mysql://x/y is not an index semhash can open"), indexed.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("mysql:")), "no file is made under a URL's name")
        let copied = try run(["copy", try indexSamples(), "http://x/y"])
        XCTAssertEqual(copied.status, 64, copied.stderr)
        let upper = try run(["info", "--index", "PostgreSQL://nobody@/nodb?host=\(path("no-socket"))"])
        XCTAssertEqual(upper.status, 1, upper.stderr)
        XCTAssertTrue(upper.stderr.hasPrefix("Error: cannot connect to "), "read as a PostgreSQL store: \(upper.stderr)")
    }

    func testSimilarToADocumentWithoutVocabularyWordsSaysWhy() throws {
        let corpus = path("corpus.jsonl")
        let lines = (0..<6).map { #"{"id": "d\#($0)", "text": "rockets and orbits and launches"}"# }
            + [#"{"id": "odd one", "text": "zyzzyva"}"#]
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: corpus))
        let index = path("words.sqlite")
        XCTAssertEqual(try run(["index", corpus, "--format", "jsonl", "--index", index, "--quiet"] + Self.smallModel).status, 0)
        let similar = try run(["similar", "odd one", "--index", index])
        XCTAssertEqual(similar.status, 1, similar.stderr)
        XCTAssertTrue(similar.stderr.hasPrefix("Error: document 'odd one' has no word of the index's vocabulary"), similar.stderr)
        XCTAssertEqual(similar.stdout, "")
    }

    func testEachMetricIsMeasuredOnceHoweverOftenItIsNamed() throws {
        let index = try indexSamples()
        let evaluated = try run(["eval", "--queries", Self.samples, "--metric", "hamming", "--metric", "cosine",
                                 "--metric", "hamming", "--index", index, "--quiet"])
        XCTAssertEqual(evaluated.status, 0, evaluated.stderr)
        let table = evaluated.stdout.components(separatedBy: "Interpolated")[0]
        let rows = table.split(separator: "\n").filter { $0.hasPrefix("| semhash") }
        XCTAssertEqual(rows.map { $0.split(separator: "|")[1].trimmingCharacters(in: .whitespaces) },
                       ["hamming", "cosine"], table)
    }
}
