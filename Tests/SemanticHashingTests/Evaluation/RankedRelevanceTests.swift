import SemanticHashing
import XCTest

final class RankedRelevanceTests: XCTestCase {
    // A database of 10 documents; the query's 3 relevant documents are ranked 1st, 3rd and 6th.
    private let ranking = RankedRelevance(relevantRanks: [1, 3, 6], databaseCount: 10)

    func testPrecisionAtCutoffs() {
        XCTAssertEqual(ranking.precision(atCutoff: 1), 1.0)         // 1 relevant in the first 1
        XCTAssertEqual(ranking.precision(atCutoff: 2), 0.5)         // ranks 1 of the first 2
        XCTAssertEqual(ranking.precision(atCutoff: 5), 0.4)         // ranks 1, 3: 2 / 5
        XCTAssertEqual(ranking.precision(atCutoff: 6), 0.5)         // ranks 1, 3, 6: 3 / 6
        XCTAssertEqual(ranking.precision(atCutoff: 10), 0.3)        // 3 / 10
        XCTAssertEqual(ranking.precision(atCutoff: 100), 0.3)       // capped at the 10 documents: 3 / 10
    }

    func testAveragePrecision() {
        // Precision at each relevant document: 1/1, 2/3, 3/6; their mean (1 + 0.6667 + 0.5) / 3 = 0.72222.
        XCTAssertEqual(ranking.averagePrecision, 0.722_222, accuracy: 1e-6)
        // A perfect ranking has AP 1; relevant documents last (ranks 9, 10 of 10): (1/9 + 2/10) / 2 = 0.15556.
        XCTAssertEqual(RankedRelevance(relevantRanks: [1, 2], databaseCount: 10).averagePrecision, 1)
        XCTAssertEqual(RankedRelevance(relevantRanks: [9, 10], databaseCount: 10).averagePrecision, 0.155_556, accuracy: 1e-6)
    }

    func testInterpolatedPrecisionAtRecallLevels() {
        // 4 relevant documents at ranks 2, 3, 8, 9 of 10. At each: recall 1/4, 2/4, 3/4, 4/4 and precision
        // 1/2 = 0.5, 2/3 = 0.6667, 3/8 = 0.375, 4/9 = 0.4444. Interpolated precision at recall r is the best
        // precision at recall ≥ r:
        //   r = 0.001 or 0.25 → max(0.5, 0.6667, 0.375, 0.4444) = 0.6667
        //   r = 0.5           → max(0.6667, 0.375, 0.4444) = 0.6667
        //   r = 0.6 or 0.75   → needs 3 relevant: max(0.375, 0.4444) = 0.4444 (not the raw 0.375)
        //   r = 1             → 0.4444
        let relevance = RankedRelevance(relevantRanks: [2, 3, 8, 9], databaseCount: 10)
        let levels = [0.001, 0.25, 0.5, 0.6, 0.75, 1.0]
        let twoThirds = 2.0 / 3, fourNinths = 4.0 / 9
        let expected = [twoThirds, twoThirds, twoThirds, fourNinths, fourNinths, fourNinths]
        for (value, wanted) in zip(relevance.interpolatedPrecision(atRecalls: levels), expected) {
            XCTAssertEqual(value, wanted, accuracy: 1e-12)
        }
        XCTAssertEqual(relevance.interpolatedPrecision(atRecall: 0.3), 2.0 / 3, accuracy: 1e-12)
    }

    func testRecallLevelThatIsAWholeNumberOfDocumentsIsNotRoundedUp() {
        // 10 relevant documents: recall 0.3 is reached at the 3rd exactly (0.3 × 10 is 3.0000000000000004 in
        // binary floating point). Ranks 1...3 then 20...26: P at the 3rd = 1, so P(0.3) = 1; P(0.4) = 4/20.
        let relevance = RankedRelevance(relevantRanks: [1, 2, 3, 20, 21, 22, 23, 24, 25, 26], databaseCount: 30)
        XCTAssertEqual(relevance.interpolatedPrecision(atRecall: 0.3), 1)
        XCTAssertEqual(relevance.interpolatedPrecision(atRecall: 0.4), 10.0 / 26, accuracy: 1e-12)
    }

    func testQueryWithoutRelevantDocumentsScoresZero() {
        let relevance = RankedRelevance(relevantRanks: [], databaseCount: 5)
        XCTAssertEqual(relevance.averagePrecision, 0)
        XCTAssertEqual(relevance.precision(atCutoff: 3), 0)
        XCTAssertEqual(relevance.interpolatedPrecision(atRecalls: [0.1, 1]), [0, 0])
    }

    func testRanksAreReadFromARanking() {
        // Documents ranked 4, 2, 0, 1, 3; documents 0 and 3 are relevant: they sit at ranks 3 and 5.
        let ranking: [Int32] = [4, 2, 0, 1, 3]
        let relevance = ranking.withUnsafeBufferPointer { buffer in
            RankedRelevance(ranking: buffer, relevantCount: 2) { $0 == 0 || $0 == 3 }
        }
        XCTAssertEqual(relevance.relevantRanks, [3, 5])
        XCTAssertEqual(relevance.databaseCount, 5)
    }
}
