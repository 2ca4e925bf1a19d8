import Foundation
import SemanticHashing
import XCTest

final class QuestionListCorpusTests: XCTestCase {
    /// Every scratch folder this test made (a test may write several files).
    private var scratches: [String] = []

    override func tearDownWithError() throws {
        for scratch in scratches { try FileManager.default.removeItem(atPath: scratch) }
    }

    private func file(_ text: String) throws -> String {
        let folder = try FixturePaths.scratchFolder()
        scratches.append(folder)
        try FixturePaths.write(Array(text.utf8), to: folder + "/questions.tsv")
        return folder + "/questions.tsv"
    }

    func testReadsLabelsAndQuestionsSkippingCommentsAndBlankLines() throws {
        let path = try file("# a comment\nsci.space\twhen will the shuttle launch\n\n rec.autos , rec.motorcycles\ttires for wet roads \r\n")
        var documents: [Document] = []
        let report = try CorpusFormat.questions.source(at: path).forEachDocument { documents.append($0) }
        XCTAssertEqual(documents.map(\.text), ["when will the shuttle launch", "tires for wet roads"])
        XCTAssertEqual(documents.map(\.labels), [["sci.space"], ["rec.autos", "rec.motorcycles"]])
        XCTAssertEqual(documents.map(\.id), ["line 2", "line 4"])
        XCTAssertEqual(documents.map(\.title), ["", ""])
        XCTAssertEqual(report.documentCount, 2)
    }

    func testMalformedLinesNameTheirNumberAndProblem() throws {
        for (text, line, reason) in [("sci.space\tok\nno tab here\n", 2, "expected labels, a tab and the question"),
                                     ("\tno label\n", 1, "no label before the tab"),
                                     ("sci.space\t  \n", 1, "no question after the tab")] {
            let path = try file(text)
            XCTAssertThrowsError(try QuestionListCorpus(path: path).forEachDocument { _ in }) { error in
                XCTAssertEqual(error as? CorpusError, .malformedQuestion(path: path, line: line, reason: reason))
            }
        }
    }

    /// The short-question set in `Corpora/` is well formed: five questions for each of the 20 newsgroups.
    func testTheShortQuestionSetHasFiveQuestionsPerNewsgroup() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Corpora/questions/20news-short.tsv").path
        var perLabel: [String: Int] = [:]
        try QuestionListCorpus(path: path).forEachDocument { document in
            for label in document.labels { perLabel[label, default: 0] += 1 }
            XCTAssertLessThanOrEqual(document.text.split(separator: " ").count, 12, document.text)
        }
        XCTAssertEqual(perLabel.count, 20)
        XCTAssertTrue(perLabel.values.allSatisfy { $0 == 5 }, "\(perLabel)")
    }
}
