import SemanticHashing
import XCTest

final class RelevanceLabelsTests: XCTestCase {
    func testSharedLabelMakesADocumentRelevant() {
        let labels = RelevanceLabels(database: [["a"], ["b", "c"], ["c"], []],
                                     queries: [["c"], ["a", "b"], ["z"], []])
        // Query 0 (c) shares c with documents 1 and 2; query 1 (a, b) shares a with 0 and b with 1.
        XCTAssertEqual((0..<4).map { labels.isRelevant(query: 0, document: $0) }, [false, true, true, false])
        XCTAssertEqual((0..<4).map { labels.isRelevant(query: 1, document: $0) }, [true, true, false, false])
        XCTAssertEqual(labels.relevantCounts, [2, 2, 0, 0])
        // Query 2's label occurs in no database document and query 3 has none: both are skipped.
        XCTAssertEqual(labels.queriesWithoutRelevantDocuments, [2, 3])
        XCTAssertEqual(labels.labelCount, 4)
    }

    func testMoreThanSixtyFourLabels() {
        // 100 labels: label sets span two words. Document d has labels {d, d + 1}; query q has {q + 70}.
        let database = (0..<99).map { [$0, $0 + 1] }
        let queries = (0..<20).map { [$0 + 70] }
        let labels = RelevanceLabels(database: database, queries: queries)
        for query in 0..<20 {
            for document in 0..<99 {
                let label = query + 70
                XCTAssertEqual(labels.isRelevant(query: query, document: document), document == label || document + 1 == label)
            }
            XCTAssertEqual(labels.relevantCount(forQuery: query), 2)
        }
    }
}
