import Foundation
import SemanticHashing
import XCTest

/// The record a JSONL line and a server's `POST /api/documents` share (`JSONLCorpusTests` covers its reasons
/// for a single record, line by line).
final class DocumentRecordTests: XCTestCase {
    private func reason(decoding json: String) -> String? {
        do {
            _ = try JSONDecoder().decode([DocumentRecord].self, from: Data(json.utf8))
        } catch let error as DecodingError {
            return DocumentRecord.reason(for: error)
        } catch {
            XCTFail("unexpected error \(error)")
        }
        return nil
    }

    func testANULCharacterBecomesASpaceInTitleAndText() throws {
        let record = try JSONDecoder().decode(DocumentRecord.self, from: Data(#"{"id": "a", "title": "T\u0000U", "text": "x\u0000y z"}"#.utf8))
        XCTAssertNil(record.problem)
        let document = record.document(source: "s")
        XCTAssertEqual(document.title, "T U")
        XCTAssertEqual(document.text, "x y z")
    }

    func testAReasonInAnArrayLeadsWithTheRecordsPosition() {
        XCTAssertEqual(reason(decoding: #"[{"id": "a", "text": "b"}, {"id": "c"}]"#),
                       #"document 1: missing required field "text""#)
        XCTAssertEqual(reason(decoding: #"[{"id": "a", "text": "b", "labels": ["x", 2]}]"#),
                       #"document 0: "labels" must be an array of strings"#)
        XCTAssertEqual(reason(decoding: #"[{"id": "a", "text": null}]"#), #"document 0: field "text" is null"#)
        XCTAssertEqual(reason(decoding: "[7]"), "document 0: expected a JSON object")
        XCTAssertEqual(reason(decoding: "[null]"), "document 0: expected a JSON object")
        XCTAssertEqual(reason(decoding: #"{"id": "a", "text": "b"}"#), "expected a JSON array")
        XCTAssertEqual(reason(decoding: "null"), "expected a JSON array")
    }

    func testARecordWithoutATitleIsTitledAsItsCleaningTitlesIt() throws {
        let records = try JSONDecoder().decode([DocumentRecord].self, from: Data(#"""
            [{"id": "a", "text": "\n  Rockets need fuel.  \nLots of it."},
             {"id": "b", "text": "Knead.", "title": "Bread", "labels": ["cooking"]}]
            """#.utf8))
        XCTAssertEqual(records.map { $0.document(source: "here") }, [
            Document(id: "a", title: "Rockets need fuel.", text: "\n  Rockets need fuel.  \nLots of it.", source: "here"),
            Document(id: "b", title: "Bread", titleIsSeparateField: true, text: "Knead.", labels: ["cooking"], source: "here"),
        ])
        XCTAssertNil(records[0].problem)
    }
}
