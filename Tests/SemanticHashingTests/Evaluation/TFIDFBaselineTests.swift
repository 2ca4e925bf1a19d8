import SemanticHashing
import TestSupport
import XCTest

final class TFIDFBaselineTests: XCTestCase {
    // Three terms, three database documents and one query:
    //   d0 = {t0: 2, t1: 1}, d1 = {t1: 1, t2: 1}, d2 = {t0: 1}; q = {t0: 1, t2: 1}.
    private let corpus = BaselineCorpus(
        database: BagOfWordsMatrix([BagOfWords(termIDs: [0, 1], counts: [2, 1]),
                                    BagOfWords(termIDs: [1, 2], counts: [1, 1]),
                                    BagOfWords(termIDs: [0], counts: [1])], width: 3),
        queries: BagOfWordsMatrix([BagOfWords(termIDs: [0, 2], counts: [1, 1])], width: 3))

    func testSmoothIDFFromTheDatabase() {
        // n = 3; df(t0) = 2, df(t1) = 2, df(t2) = 1.
        // idf = ln((1 + n) / (1 + df)) + 1: t0, t1 ln(4/3) + 1 = 1.287682; t2 ln(4/2) + 1 = 1.693147.
        let idf = TFIDFWeighting(corpus: corpus).inverseDocumentFrequencies
        XCTAssertEqual(idf[0], 1.287_682, accuracy: 1e-6)
        XCTAssertEqual(idf[1], 1.287_682, accuracy: 1e-6)
        XCTAssertEqual(idf[2], 1.693_147, accuracy: 1e-6)
    }

    func testUnitLengthVectors() {
        // d0 = (2 · 1.287682, 1.287682, 0) / (1.287682 · √5) = (0.894427, 0.447214, 0).
        // d1 = (0, 1.287682, 1.693147) / √(1.287682² + 1.693147²) = (0, 0.605349, 0.795961); d2 = (1, 0, 0).
        // q = (1.287682, 0, 1.693147) / 2.127175 = (0.605349, 0, 0.795961).
        let tfidf = TFIDFMatrices(corpus: corpus)
        let expectedDatabase: [Float] = [0.894_427, 0.447_214, 0, 0, 0.605_349, 0.795_961, 1, 0, 0]
        for (value, expected) in zip(tfidf.database.values, expectedDatabase) { XCTAssertEqual(value, expected, accuracy: 1e-6) }
        for (value, expected) in zip(tfidf.queries.values, [0.605_349, 0, 0.795_961] as [Float]) {
            XCTAssertEqual(value, expected, accuracy: 1e-6)
        }
    }

    func testCosineDistances() {
        // cos(q, d0) = 0.605349 · 0.894427 = 0.541440; cos(q, d1) = 0.795961² = 0.633553; cos(q, d2) = 0.605349.
        // Distances 1 − cos: 0.458560, 0.366447, 0.394651, so the ranking is d1, d2, d0.
        let baseline = TFIDFBaseline(corpus: corpus)
        let distances = baseline.distances(forQuery: 0)
        for (value, expected) in zip(distances, [0.458_560, 0.366_447, 0.394_651] as [Float]) {
            XCTAssertEqual(value, expected, accuracy: 1e-5)
        }
        var ranker = DistanceRanker(tieBreaking: TieBreakingOrder(databaseCount: 3, seed: 1), kind: baseline.distanceKind)
        XCTAssertEqual(ranker.rank(distances), [1, 2, 0])
        XCTAssertEqual(baseline.name, "tfidf")
        XCTAssertEqual(baseline.metric, "cosine")
    }

    func testSparseQueriesMatchTheDenseCosine() {
        // The sparse fast path against CosineCodes on the same TF-IDF vectors, on random counts.
        var generator = SeededGenerator(seed: 4)
        func document() -> BagOfWords {
            let terms = (0..<50).filter { _ in Int.random(in: 0..<6, using: &generator) == 0 }.map(Int32.init)
            return BagOfWords(termIDs: terms, counts: terms.map { _ in Float(Int.random(in: 1...4, using: &generator)) })
        }
        let corpus = BaselineCorpus(database: BagOfWordsMatrix((0..<60).map { _ in document() } + [BagOfWords()], width: 50),
                                    queries: BagOfWordsMatrix((0..<9).map { _ in document() } + [BagOfWords()], width: 50))
        let tfidf = TFIDFMatrices(corpus: corpus)
        let sparse = TFIDFBaseline(tfidf: tfidf)
        let dense = CosineCodes(name: "dense", database: tfidf.database, queries: tfidf.queries)
        for query in 0..<10 {
            for (fast, reference) in zip(sparse.distances(forQuery: query), dense.distances(forQuery: query)) {
                XCTAssertEqual(fast, reference, accuracy: 1e-5)
            }
        }
    }
}

final class SublinearTermFrequencyTests: XCTestCase {
    func testSublinearTermFrequencyIsOnePlusTheLogOfTheCount() {
        // d0 = {t0: 2, t1: 1}: tf (1 + ln 2, 1) = (1.693147, 1), times idf (1.287682 both), then unit length:
        // (1.693147, 1) / √(1.693147² + 1) = (0.861037, 0.508542). Counts of 1 are unchanged before scaling.
        let corpus = BaselineCorpus(
            database: BagOfWordsMatrix([BagOfWords(termIDs: [0, 1], counts: [2, 1]), BagOfWords(termIDs: [1, 2], counts: [1, 1]),
                                        BagOfWords(termIDs: [0], counts: [1])], width: 3),
            queries: BagOfWordsMatrix([BagOfWords(termIDs: [0, 2], counts: [1, 1])], width: 3))
        let tfidf = TFIDFMatrices(corpus: corpus, termFrequency: .sublinear)
        XCTAssertEqual(tfidf.database[0, 0], 0.861_037, accuracy: 1e-5)
        XCTAssertEqual(tfidf.database[0, 1], 0.508_542, accuracy: 1e-5)
        XCTAssertEqual(tfidf.database.row(1), TFIDFMatrices(corpus: corpus).database.row(1))
        XCTAssertEqual(BaselineSettings().termFrequency, .sublinear)
    }
}
