import Foundation
import SemanticHashing
import XCTest

final class JSONLCorpusTests: XCTestCase {
    private var scratch: String?

    override func tearDownWithError() throws {
        if let scratch { try FileManager.default.removeItem(atPath: scratch) }
    }

    private func file(_ bytes: [UInt8]) throws -> String {
        let folder = try FixturePaths.scratchFolder()
        scratch = folder
        try FixturePaths.write(bytes, to: folder + "/corpus.jsonl")
        return folder + "/corpus.jsonl"
    }

    private func read(_ path: String) throws -> ([Document], CorpusReport) {
        var documents: [Document] = []
        let report = try JSONLCorpus(path: path).forEachDocument { documents.append($0) }
        return (documents, report)
    }

    private func malformation(_ path: String) -> (line: Int, reason: String)? {
        do {
            _ = try read(path)
        } catch let CorpusError.malformedLine(_, line, reason) {
            return (line, reason)
        } catch {
            XCTFail("unexpected error \(error)")
        }
        return nil
    }

    func testReadsObjectsAndSkipsBlankLines() throws {
        let path = FixturePaths.path("jsonl/documents.jsonl")
        let (documents, report) = try read(path)
        XCTAssertEqual(documents, [
            Document(id: "d1", title: "Rockets", titleIsSeparateField: true, text: "Rockets need fuel.", labels: ["space"],
                     source: path + ":1"),
            Document(id: "d2", title: "Knead the dough.", text: "Knead the dough.\nLet it rise.",
                     labels: ["cooking", "baking"], source: path + ":3"),
            Document(id: "d3", title: "", text: "", source: path + ":5"),
            Document(id: "d4", title: "Ünïcödé ✓ été", text: "Ünïcödé ✓ été", source: path + ":6"),
        ])
        XCTAssertEqual(report.documentCount, 4)
        XCTAssertEqual(report.emptyDocumentCount, 1)
    }

    func testMalformedLineReportsItsNumberAfterEarlierDocuments() {
        let path = FixturePaths.path("jsonl/malformed.jsonl")
        var ids: [String] = []
        XCTAssertThrowsError(try JSONLCorpus(path: path).forEachDocument { ids.append($0.id) }) { error in
            guard case let CorpusError.malformedLine(errorPath, line, reason) = error else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertEqual(errorPath, path)
            XCTAssertEqual(line, 3)
            XCTAssertTrue(reason.hasPrefix("not valid JSON"), reason)
            XCTAssertTrue("\(error)".hasPrefix("\(path):3: "))
        }
        XCTAssertEqual(ids, ["ok"])
    }

    func testReasonsNameTheProblem() throws {
        let cases: [(String, String)] = [
            (#"{"text": "no id"}"#, "missing required field \"id\""),
            (#"{"id": 7, "text": "numeric id"}"#, "field \"id\" must be a string"),
            (#"{"id": "a", "text": null}"#, "field \"text\" is null"),
            (#"{"id": "a", "text": "x", "labels": "space"}"#, "\"labels\" must be an array of strings"),
            (#"{"id": "a", "text": "x", "labels": [1]}"#, "\"labels\" must be an array of strings"),
            (#"["id", "text"]"#, "expected a JSON object"),
            (#"{"id": "a\nb", "text": "x"}"#, "field \"id\" holds a line break"),
        ]
        for (line, reason) in cases {
            let path = try file(Array(("\n" + line + "\n").utf8))
            let found = malformation(path)
            XCTAssertEqual(found?.line, 2, line)
            XCTAssertEqual(found?.reason, reason, line)
            try FileManager.default.removeItem(atPath: scratch!)
            scratch = nil
        }
    }

    func testAnIDOnASecondLineIsMalformedAndNamesTheFirst() throws {
        let path = try file(Array(#"""
            {"id": "a1", "text": "first"}
            {"id": "b", "text": "other"}

            {"id": "a1", "text": "again"}
            """#.utf8))
        XCTAssertEqual(malformation(path)?.line, 4)
        XCTAssertEqual(malformation(path)?.reason, "the id 'a1' is also on line 1")
    }

    func testInvalidUTF8IsMalformed() throws {
        let path = try file(Array(#"{"id": "a", "text": "caf"#.utf8) + [0xE9] + Array("\"}\n".utf8))
        XCTAssertEqual(malformation(path)?.reason, "not valid UTF-8")
    }

    func testLongLinesCRLFAndMissingFinalNewline() throws {
        let long = String(repeating: "word ", count: 300_000)
        let content = "{\"id\": \"long\", \"text\": \"\(long)\"}\r\n{\"id\": \"last\", \"text\": \"end\"}"
        let (documents, _) = try read(try file(Array(content.utf8)))
        XCTAssertEqual(documents.map(\.id), ["long", "last"])
        XCTAssertEqual(documents.first?.text, long)
    }

    func testFolderIsNotAFile() {
        let folder = FixturePaths.path("jsonl")
        XCTAssertThrowsError(try read(folder)) { error in
            XCTAssertEqual(error as? CorpusError, .notAFile(path: folder, format: "jsonl"))
        }
    }
}
