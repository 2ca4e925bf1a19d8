import SemanticHashing
import XCTest

final class CorpusFormatTests: XCTestCase {
    func testNamesAreTheCommandLineSpellings() {
        XCTAssertEqual(CorpusFormat.allCases.map(\.rawValue), ["folder", "jsonl", "reuters", "questions"])
        XCTAssertEqual(CorpusSplit.allCases.map(\.rawValue), ["train", "test", "all"])
        XCTAssertEqual(TextCleaning.allCases.map(\.rawValue), ["none", "usenet"])
    }

    func testFactoryBuildsTheReaderForEachFormat() throws {
        let folder = try CorpusFormat.folder.source(at: FixturePaths.path("usenet"), cleaning: .usenet)
        XCTAssertEqual((folder as? FolderCorpus)?.cleaning, .usenet)
        let jsonl = try CorpusFormat.jsonl.source(at: FixturePaths.path("jsonl/documents.jsonl"))
        XCTAssertTrue(jsonl is JSONLCorpus)
        let reuters = try CorpusFormat.reuters.source(at: FixturePaths.path("reuters"), split: .test)
        XCTAssertEqual((reuters as? ReutersCorpus)?.split, .test)
        var ids: [String] = []
        try reuters.forEachDocument { ids.append($0.id) }
        XCTAssertEqual(ids, ["4", "6"])
    }

    func testFactoryRejectsMissingPathsAndWrongKinds() {
        let missing = FixturePaths.path("missing")
        for format in CorpusFormat.allCases {
            XCTAssertThrowsError(try format.source(at: missing)) { error in
                XCTAssertEqual(error as? CorpusError, .notFound(path: missing))
                XCTAssertTrue("\(error)".contains(missing))
            }
        }
        let file = FixturePaths.path("jsonl/documents.jsonl")
        XCTAssertThrowsError(try CorpusFormat.folder.source(at: file)) { error in
            XCTAssertEqual(error as? CorpusError, .notAFolder(path: file, format: "folder"))
        }
        let folder = FixturePaths.path("jsonl")
        XCTAssertThrowsError(try CorpusFormat.jsonl.source(at: folder)) { error in
            XCTAssertEqual(error as? CorpusError, .notAFile(path: folder, format: "jsonl"))
        }
    }
}
