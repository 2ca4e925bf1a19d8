import Foundation
import SemanticHashing
import XCTest

/// The inputs fuzzers like best, fed to the same entry points as `semhash-fuzz` (decoding, the usenet
/// cleaner, the tokenizer, the three corpus readers): each must give the documented answer or the typed
/// error, never a crash or an untyped failure.
final class TrickyInputTests: XCTestCase {
    private var scratch: String?

    override func tearDownWithError() throws {
        if let scratch { try FileManager.default.removeItem(atPath: scratch) }
    }

    private func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let folder = try scratch ?? FixturePaths.scratchFolder()
        scratch = folder
        try FixturePaths.write(bytes, to: folder + "/" + name)
        return folder + "/" + name
    }

    /// The documents of a reader's pass, or the `CorpusError` it failed with; any other error fails the test.
    private func pass(_ source: any DocumentSource) -> Result<[Document], CorpusError> {
        var documents: [Document] = []
        do {
            try source.forEachDocument { documents.append($0) }
            return .success(documents)
        } catch let error as CorpusError {
            return .failure(error)
        } catch {
            XCTFail("untyped error \(error)")
            return .success([])
        }
    }

    private static let megabyteLine = Array(repeating: "word ", count: 209_716).joined()

    func testDecodingInvalidUTF8AndNUL() {
        XCTAssertEqual(TextDecoding.decode([0xEF, 0xBB, 0xBF, 0xFF, 0x41, 0xC3]),
                       DecodedText(text: "\u{FF}A\u{C3}", encoding: .latin1))
        XCTAssertEqual(TextDecoding.decode([0xED, 0xA0, 0x80]), DecodedText(text: "\u{ED}\u{A0}\u{80}", encoding: .latin1))
        XCTAssertNil(TextDecoding.decode([0x41, 0x00, 0x42]))
        XCTAssertEqual(TextDecoding.decode(Array(Self.megabyteLine.utf8))?.text.utf8.count, 1_048_580)
    }

    func testTokenizerOnRepairedBytesNULAndAMegabyteLine() throws {
        let tokenizer = try Tokenizer(configuration: TextConfiguration(stemmer: nil, removesStopWords: false))
        let repaired = String(decoding: [0x61, 0x62, 0xFF, 0x63, 0x00, 0x64, 0xED, 0xA0, 0x80, 0x65], as: UTF8.self)
        XCTAssertEqual(tokenizer.terms(in: repaired), ["ab", "c", "d", "e"])
        XCTAssertEqual(tokenizer.terms(in: Self.megabyteLine).count, 209_716)
        XCTAssertEqual(tokenizer.terms(in: String(repeating: "x", count: 1 << 20)), [])
    }

    func testUsenetCleanerOnAMegabyteLineAndControlCharacters() {
        let post = "Subject: big\u{0}\n\n" + Self.megabyteLine + "\n> quoted\n-- \nsig"
        XCTAssertEqual(UsenetCleaner.subject(of: post), "big\u{0}")
        XCTAssertEqual(UsenetCleaner.clean(post), Self.megabyteLine)
        XCTAssertEqual(UsenetCleaner.clean("\n\n\u{1C}\n\u{85}-\u{A0}"), "\u{1C}\n\u{85}-\u{A0}",
                       "a hyphen line that is the first line after stripping keeps the text")
        XCTAssertEqual(UsenetCleaner.clean("\n\nbody\n\u{1C}\u{85}-\u{A0}\n-- \nsig"), "body\n\u{1C}\u{85}-\u{A0}")
    }

    func testJSONLHugeDeepAndInvalidValues() throws {
        let huge = try file("huge.jsonl", Array("{\"id\":\"h\",\"text\":\"\(Self.megabyteLine)\",\"n\":1e999999}\n".utf8))
        XCTAssertEqual(try pass(JSONLCorpus(path: huge)).get().first?.text.utf8.count, 1_048_580)

        let deep = try file("deep.jsonl", Array(("{\"id\":\"d\",\"text\":\"t\",\"x\":" + String(repeating: "[", count: 100_000)
            + String(repeating: "]", count: 100_000) + "}").utf8))
        guard case let .failure(.malformedLine(_, line, _)) = pass(JSONLCorpus(path: deep)) else {
            return XCTFail("100,000 nested arrays were accepted")
        }
        XCTAssertEqual(line, 1)

        let invalid = try file("invalid.jsonl", [0x0A] + Array("{\"id\":\"i\",\"text\":\"a\u{0}b\"}".utf8)
            + [0x0A, 0x7B, 0xFF, 0x7D])
        guard case let .failure(.malformedLine(_, line, reason)) = pass(JSONLCorpus(path: invalid)) else {
            return XCTFail("a raw NUL inside a JSON string was accepted")
        }
        XCTAssertEqual(line, 2)
        XCTAssertTrue(reason.hasPrefix("not valid JSON"), reason)
    }

    func testReutersUnterminatedTagsAndNUL() throws {
        let cases: [(sgml: String, reason: String)] = [
            ("<REUTERS NEWID=\"1\">\n<TEXT><BODY>never closed\n</REUTERS>\n", "<TEXT> without </TEXT>"),
            ("<REUTERS NEWID=\"1\">\n<TOPICS><D>earn</TOPICS>\n</REUTERS>\n", "<D> without </D>"),
            ("<REUTERS NEWID=\"1\">\n<TEXT </REUTERS>\n", "<TEXT> without </TEXT>"),
            ("<REUTERS NEWID=\"1\n</REUTERS>\n", "<REUTERS> tag without a NEWID attribute"),
            ("<REUTERS NEWID=\"1\">\u{0}</REUTERS>\n", "record contains a NUL byte"),
            ("<REUTERS NEWID=\"1\">\n<TEXT>" + Self.megabyteLine, "record is not closed by </REUTERS> before the end of the file"),
        ]
        for (index, example) in cases.enumerated() {
            let path = try file("reut2-\(index).sgm", Array(example.sgml.utf8))
            guard case let .failure(.malformedSGML(_, line, reason)) = pass(ReutersCorpus(path: path)) else {
                XCTFail("case \(index) was accepted")
                continue
            }
            XCTAssertEqual(line, 1)
            XCTAssertEqual(reason, example.reason, "case \(index)")
        }
        let entities = try file("entities.sgm", Array(
            "<REUTERS NEWID=\"&#xD800;\">\n<TEXT><BODY>&#1114112; &#xD800; &#; &amp&lt;\n</BODY></TEXT>\n</REUTERS>\n".utf8))
        XCTAssertEqual(try pass(ReutersCorpus(path: entities)).get().map(\.text), ["&#1114112; &#xD800; &#; &amp<"])
    }

    func testFolderWithNULAndNonUTF8Names() throws {
        _ = try file("bin/nul.txt", [0x61, 0x00, 0x62])
        _ = try file("text/line.txt", Array(Self.megabyteLine.utf8))
        let folder = scratch!
        let latin1Name = (Array((folder + "/text/").utf8) + [0xFF] + Array(".txt".utf8)).map { CChar(bitPattern: $0) }
        let descriptor = open(latin1Name + [0], O_WRONLY | O_CREAT, 0o600)
        XCTAssertGreaterThanOrEqual(descriptor, 0)
        close(descriptor)
        let documents: [Document]
        let report: CorpusReport
        do {
            var read: [Document] = []
            report = try FolderCorpus(root: folder, cleaning: .usenet).forEachDocument { read.append($0) }
            documents = read
        } catch {
            return XCTFail("\(error)")
        }
        XCTAssertEqual(documents.map(\.id), ["text/line.txt"])
        XCTAssertEqual(documents.first?.labels, ["text"])
        XCTAssertEqual(documents.first?.text.utf8.count, 0, "--strip usenet keeps nothing of a post without header")
        XCTAssertEqual(report.binarySkippedCount, 1)
        XCTAssertEqual(report.warnings.count, 2, "the binary file and the file whose name is not UTF-8 are reported")
        XCTAssertTrue(report.warnings.contains("skipped text/\u{FFFD}.txt: its name is not valid UTF-8; rename it to read it"),
                      "\(report.warnings)")
    }
}
