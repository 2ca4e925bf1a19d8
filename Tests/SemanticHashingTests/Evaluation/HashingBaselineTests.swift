import SemanticHashing
import TestSupport
import XCTest

final class HashingBaselineTests: XCTestCase {
    private func randomCorpus(documents: Int, queries: Int, seed: UInt64) -> BaselineCorpus {
        var generator = SeededGenerator(seed: seed)
        func document() -> BagOfWords {
            let terms = (0..<40).filter { _ in Int.random(in: 0..<4, using: &generator) == 0 }.map(Int32.init)
            return BagOfWords(termIDs: terms, counts: terms.map { _ in Float(Int.random(in: 1...3, using: &generator)) })
        }
        return BaselineCorpus(database: BagOfWordsMatrix((0..<documents).map { _ in document() }, width: 40),
                              queries: BagOfWordsMatrix((0..<queries).map { _ in document() }, width: 40))
    }

    func testLSHBitsAreTheSignsOfSeededProjections() {
        let tfidf = TFIDFMatrices(corpus: randomCorpus(documents: 30, queries: 5, seed: 1))
        let lsh = LSHBaseline(bits: 70, seed: 11, tfidf: tfidf)
        let projections = naiveProduct(tfidf.database, lsh.hyperplanes)
        for document in 0..<30 {
            for bit in 0..<70 {
                XCTAssertEqual(lsh.underlying.database.bit(bit, of: document), projections[document, bit] > 0)
            }
        }
        XCTAssertEqual(LSHBaseline(bits: 70, seed: 11, tfidf: tfidf).hyperplanes, lsh.hyperplanes)
        XCTAssertNotEqual(LSHBaseline(bits: 70, seed: 12, tfidf: tfidf).hyperplanes, lsh.hyperplanes)
        XCTAssertEqual(lsh.name, "lsh-70")
        XCTAssertEqual(lsh.distanceKind, .integer(maximum: 70))
    }

    func testLSHHyperplanesAreStandardNormal() {
        // 40 × 500 = 20,000 samples: the mean's standard error is 0.007, the variance's 0.01.
        let tfidf = TFIDFMatrices(corpus: randomCorpus(documents: 5, queries: 1, seed: 2))
        let values = LSHBaseline(bits: 500, seed: 3, tfidf: tfidf).hyperplanes.values.map(Double.init)
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
        XCTAssertEqual(mean, 0, accuracy: 0.03)
        XCTAssertEqual(variance, 1, accuracy: 0.05)
    }

    func testLSABitsSplitTheDatabaseAtTheMedians() throws {
        let corpus = randomCorpus(documents: 41, queries: 6, seed: 5)
        let tfidf = TFIDFMatrices(corpus: corpus)
        let analysis = try LatentSemanticAnalysis(documents: tfidf.database, dimensions: 8)
        let baseline = LSAThresholdBaseline(bits: 8, analysis: analysis, tfidf: tfidf)
        let database = analysis.project(tfidf.database, dimensions: 8)
        let queries = analysis.project(tfidf.queries, dimensions: 8)
        for bit in 0..<8 {
            // 41 documents: the median is the 21st value, so exactly 20 lie above it.
            XCTAssertEqual((0..<41).filter { baseline.underlying.database.bit(bit, of: $0) }.count, 20)
            XCTAssertEqual(baseline.medians[bit], (0..<41).map { database[$0, bit] }.sorted()[20])
            for query in 0..<6 {
                XCTAssertEqual(baseline.underlying.queries.bit(bit, of: query), queries[query, bit] > baseline.medians[bit])
            }
        }
        XCTAssertEqual(baseline.name, "lsa-bits-8")
    }

    func testLSABaselineIsCosineOnProjections() throws {
        let corpus = randomCorpus(documents: 25, queries: 4, seed: 6)
        let tfidf = TFIDFMatrices(corpus: corpus)
        let analysis = try LatentSemanticAnalysis(documents: tfidf.database, dimensions: 3)
        let baseline = LSABaseline(dimensions: 3, analysis: analysis, tfidf: tfidf)
        let database = analysis.project(tfidf.database), queries = analysis.project(tfidf.queries)
        for query in 0..<4 {
            for (document, distance) in baseline.distances(forQuery: query).enumerated() {
                XCTAssertEqual(Double(distance), naiveCosineDistance(queries.row(query), database.row(document)), accuracy: 1e-5)
            }
        }
        XCTAssertEqual(baseline.name, "lsa-3")
    }
}
