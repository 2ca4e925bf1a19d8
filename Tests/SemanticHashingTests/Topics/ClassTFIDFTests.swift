import Foundation
import SemanticHashing
import XCTest

final class ClassTFIDFTests: XCTestCase {
    func testTinyCorpusByHand() {
        // Terms: 0 apple, 1 banana, 2 cherry, 3 date (never used).
        let documents = [
            BagOfWords(termIDs: [0, 1], counts: [2, 1]),  // cluster 0
            BagOfWords(termIDs: [0], counts: [1]),        // cluster 0
            BagOfWords(termIDs: [1, 2], counts: [1, 5]),  // cluster 1
        ]
        let weights = ClassTFIDF.weights(documents: documents, assignments: [0, 0, 1], clusterCount: 2, vocabularySize: 4)
        // Cluster 0: apple 3, banana 1 (4 words); cluster 1: banana 1, cherry 5 (6 words).
        // A = 10 / 2 = 5; f = apple 3, banana 2, cherry 5.
        let expected: [[Double]] = [
            [3.0 / 4 * log(1 + 5.0 / 3), 1.0 / 4 * log(1 + 5.0 / 2), 0, 0],
            [0, 1.0 / 6 * log(1 + 5.0 / 2), 5.0 / 6 * log(1 + 5.0 / 5), 0],
        ]
        XCTAssertEqual(expected[0][0], 0.735622, accuracy: 1e-6)
        XCTAssertEqual(expected[1][2], 0.577623, accuracy: 1e-6)
        for cluster in 0..<2 {
            for term in 0..<4 {
                XCTAssertEqual(Double(weights[cluster, term]), expected[cluster][term], accuracy: 1e-6, "cluster \(cluster) term \(term)")
            }
        }
    }

    func testClusterWithoutWordsWeighsNothing() {
        let documents = [BagOfWords(termIDs: [0], counts: [2]), BagOfWords()]
        let weights = ClassTFIDF.weights(documents: documents, assignments: [0, 1], clusterCount: 2, vocabularySize: 2)
        // A = 2 / 2 = 1, f(0) = 2: W = 1 · ln(1.5).
        XCTAssertEqual(Double(weights[0, 0]), log(1.5), accuracy: 1e-6)
        XCTAssertEqual(weights.values.filter { $0 != 0 }.count, 1)
    }

    func testDocumentLiftByHand() {
        // Terms 0 a, 1 b; documents {a, b} and {a} in topic 0, {b} in topic 1, {a} unassigned.
        let documents = [BagOfWords(termIDs: [0, 1], counts: [3, 1]), BagOfWords(termIDs: [0], counts: [1]),
                         BagOfWords(termIDs: [1], counts: [2]), BagOfWords(termIDs: [0], counts: [1])]
        let lift = DocumentLift(documents: documents, assignments: [0, 0, 1, -1], clusterCount: 2, vocabularySize: 2)
        func assertScores(_ topics: [Int], _ expected: [Double], line: UInt = #line) {
            for (score, value) in zip(lift.scores(of: topics), expected) {
                XCTAssertEqual(Double(score), value, accuracy: 1e-6, line: line)
            }
        }
        // Topic 0, a: p_in = 2/2, p_out = (1 + ½) / (2 + 1) = ½, L = ln 2; b: p_in = ½ = p_out, L = 0.
        assertScores([0], [log(2), 0])
        // Topic 1, b: p_in = 1, p_out = (1 + ½) / (3 + 1), L = ln(8/3); a: in none of its documents.
        assertScores([1], [0, log(8.0 / 3)])
        // Both topics: a is in 2 of 3 and in the one outside (below chance, 0); b in 2 of 3 and p_out = ½ / 2.
        assertScores([0, 1], [0, 2.0 / 3 * log(8.0 / 3)])
        // With nothing outside, the share of the documents containing each word.
        let whole = DocumentLift(documents: documents, assignments: [0, 0, 1, 1], clusterCount: 2, vocabularySize: 2)
        XCTAssertEqual(whole.scores(of: [0, 1]), [0.75, 0.5])
    }
}
