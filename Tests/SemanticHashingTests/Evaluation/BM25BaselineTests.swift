import SemanticHashing
import XCTest

final class BM25BaselineTests: XCTestCase {
    func testScoresOfATinyCorpus() {
        // d0 = {t0: 2, t1: 1} (length 3), d1 = {t1: 1, t2: 1} (2), d2 = {t0: 1} (1); avgdl = 2; q = {t0: 1, t2: 1}.
        // idf = ln(1 + (n − df + 0.5) / (df + 0.5)): t0 (df 2) ln(1.6) = 0.470004; t2 (df 1) ln(8/3) = 0.980829.
        // Term factor tf·(k1+1) / (tf + k1·(1 − b + b·|d|/avgdl)) with k1 1.2, b 0.75:
        //   d0, t0: 2 · 2.2 / (2 + 1.2 · 1.375) = 4.4 / 3.65 = 1.205479 → score 0.566580
        //   d1, t2: 1 · 2.2 / (1 + 1.2 · 1.0)   = 1             → score 0.980829
        //   d2, t0: 1 · 2.2 / (1 + 1.2 · 0.625) = 2.2 / 1.75     → score 0.590862
        // Distances are the negated scores.
        let corpus = BaselineCorpus(
            database: BagOfWordsMatrix([BagOfWords(termIDs: [0, 1], counts: [2, 1]),
                                        BagOfWords(termIDs: [1, 2], counts: [1, 1]),
                                        BagOfWords(termIDs: [0], counts: [1])], width: 3),
            queries: BagOfWordsMatrix([BagOfWords(termIDs: [0, 2], counts: [1, 1]),
                                       BagOfWords(termIDs: [0], counts: [3])], width: 3))
        let baseline = BM25Baseline(corpus: corpus)
        for (value, expected) in zip(baseline.distances(forQuery: 0), [-0.566_580, -0.980_829, -0.590_862] as [Float]) {
            XCTAssertEqual(value, expected, accuracy: 1e-5)
        }
        // Query terms are weighted by their counts: q = {t0: 3} scores 3 × the t0 factors above.
        for (value, expected) in zip(baseline.distances(forQuery: 1), [-3 * 0.566_580, 0, -3 * 0.590_862] as [Float]) {
            XCTAssertEqual(value, expected, accuracy: 1e-5)
        }
        XCTAssertEqual(baseline.metric, "bm25")
    }
}
