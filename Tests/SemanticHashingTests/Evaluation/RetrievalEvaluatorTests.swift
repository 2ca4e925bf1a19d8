import SemanticHashing
import TestSupport
import XCTest

/// A method whose distances are given outright, to check the evaluator on hand-made rankings.
private struct FixedDistances: RetrievalMethod {
    let rows: [[Float]]
    var name: String { "fixed" }
    var metric: String { "euclidean" }
    var distanceKind: DistanceKind { .continuous }
    var databaseCount: Int { rows[0].count }
    var queryCount: Int { rows.count }

    func distances(forQueries queries: Range<Int>, into buffer: UnsafeMutableBufferPointer<Float>) {
        for (offset, query) in queries.enumerated() {
            for (document, distance) in rows[query].enumerated() { buffer[offset * databaseCount + document] = distance }
        }
    }
}

final class RetrievalEvaluatorTests: XCTestCase {
    func testHandMadeRankings() {
        // Database labels a, b, a, b. Query 0 (a): distances rank documents 0, 1, 2, 3, relevant 0 and 2 at
        // ranks 1 and 3: P@1 = 1, P@10 (capped at 4) = 2/4, AP = (1/1 + 2/3) / 2 = 0.8333.
        // Query 1 (b): ranking 0, 2, 3, 1, relevant 3 and 1 at ranks 3 and 4: P@1 = 0, P@10 = 2/4,
        // AP = (1/3 + 2/4) / 2 = 0.4167. Query 2 (z) has no relevant document and is skipped.
        // Means: P@1 = 0.5, P@10 = 0.5, MAP = 0.625. Interpolated precision at recall 1: query 0 2/3,
        // query 1 2/4, mean 0.5833; at recall 0.5 (one relevant document found): query 0 max(1/1, 2/3) = 1,
        // query 1 max(1/3, 2/4) = 0.5 (interpolation lifts it above its first hit's 1/3), mean 0.75.
        let labels = RelevanceLabels(database: [["a"], ["b"], ["a"], ["b"]], queries: [["a"], ["b"], ["z"]])
        let method = FixedDistances(rows: [[0.1, 0.2, 0.3, 0.4], [0.1, 0.4, 0.2, 0.3], [0, 0, 0, 0]])
        let configuration = EvaluationConfiguration(cutoffs: [1, 10], recallLevels: [0.5, 1], threads: 1)
        let result = RetrievalEvaluator(labels: labels, configuration: configuration).evaluate(method)
        XCTAssertEqual(result.queries, 2)
        XCTAssertEqual(result.skippedQueries, 1)
        XCTAssertEqual(result.database, 4)
        XCTAssertEqual(result.precision(atCutoff: 1)!, 0.5, accuracy: 1e-12)
        XCTAssertEqual(result.precision(atCutoff: 10)!, 0.5, accuracy: 1e-12)
        XCTAssertEqual(result.meanAveragePrecision, 0.625, accuracy: 1e-12)
        XCTAssertEqual(result.precision(atRecall: 1)!, (2.0 / 3 + 0.5) / 2, accuracy: 1e-12)
        XCTAssertEqual(result.precision(atRecall: 0.5)!, 0.75, accuracy: 1e-12)
        XCTAssertEqual(result.method, "fixed")
        XCTAssertEqual(result.metric, "euclidean")
        XCTAssertGreaterThanOrEqual(result.meanQueryMilliseconds, 0)
    }

    func testMatchesTheReferencePipelineForAnyThreadsAndBlocks() {
        // Random 40-bit hashes and random labels: the evaluator must agree with ranking each query by the
        // reference sort and averaging RankedRelevance measures, whatever the threads and block size.
        var generator = SeededGenerator(seed: 21)
        let database = randomCodes(count: 300, bitCount: 40, generator: &generator)
        let queries = randomCodes(count: 37, bitCount: 40, generator: &generator)
        let method = HammingCodes(name: "random", database: database, queries: queries)
        let labels = RelevanceLabels(database: (0..<300).map { _ in [Int.random(in: 0..<5, using: &generator)] },
                                     queries: (0..<37).map { _ in [Int.random(in: 0..<6, using: &generator)] })
        let base = EvaluationConfiguration(cutoffs: [1, 10, 100], tieBreakingSeed: 77, queryBlockSize: 1, threads: 1)

        let order = TieBreakingOrder(databaseCount: 300, seed: 77)
        var expectedMAP = 0.0, expectedP10 = 0.0, expectedCurve = [Double](repeating: 0, count: base.curveRecallLevels.count)
        var evaluated = 0
        for query in 0..<37 where labels.relevantCount(forQuery: query) > 0 {
            let ranking = DistanceRanker.referenceRanking(method.distances(forQuery: query), tieBreaking: order)
            let ranks = ranking.enumerated().filter { labels.isRelevant(query: query, document: Int($0.element)) }.map { $0.offset + 1 }
            let relevance = RankedRelevance(relevantRanks: ranks, databaseCount: 300)
            expectedMAP += relevance.averagePrecision
            expectedP10 += relevance.precision(atCutoff: 10)
            for (index, value) in relevance.interpolatedPrecision(atRecalls: base.curveRecallLevels).enumerated() {
                expectedCurve[index] += value
            }
            evaluated += 1
        }
        var blocked = base
        blocked.queryBlockSize = 5
        blocked.threads = 2
        for configuration in [base, blocked] {
            let result = RetrievalEvaluator(labels: labels, configuration: configuration).evaluate(method)
            XCTAssertEqual(result.queries, evaluated)
            XCTAssertEqual(result.skippedQueries, 37 - evaluated)
            XCTAssertEqual(result.meanAveragePrecision, expectedMAP / Double(evaluated), accuracy: 1e-12)
            XCTAssertEqual(result.precision(atCutoff: 10)!, expectedP10 / Double(evaluated), accuracy: 1e-12)
            for (point, expected) in zip(result.curve, expectedCurve) {
                XCTAssertEqual(point.precision, expected / Double(evaluated), accuracy: 1e-12)
            }
        }
    }

    func testLogarithmicRecallGrid() {
        let grid = EvaluationConfiguration.logarithmicRecallGrid()
        XCTAssertEqual(grid.count, 31)
        XCTAssertEqual(grid.first!, 0.001, accuracy: 1e-15)
        XCTAssertEqual(grid.last, 1)
        XCTAssertEqual(grid[10], 0.01, accuracy: 1e-15)
        XCTAssertEqual(grid[23], pow(10, -0.7), accuracy: 1e-15)
    }
}
