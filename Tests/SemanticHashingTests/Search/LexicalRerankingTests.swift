import SemanticHashing
import TestSupport
import XCTest

final class LexicalRerankingTests: XCTestCase {
    /// Hand-made: four documents in code order 0...3 at code distances 0, 1, 2, 4 (closeness 1, 0.75, 0.5, 0)
    /// with BM25 scores 0, 8, 4, 0 (scaled by the best: 0, 1, 0.5, 0). With w = 0.5 the fused scores are
    /// 0.5, 0.875, 0.5, 0 (exact in binary), so 1 leads and 0 and 2 tie, kept in code order: 1, 0, 2, 3, at
    /// fusion distances 0.125, 0.5, 0.5, 1.
    func testFusionOfHandMadeScores() {
        let distances: [Double] = [0, 1, 2, 4], scores: [Double] = [0, 8, 4, 0]
        let even = LexicalReranking(shortlistSize: 4, lexicalWeight: 0.5)
        let fused = even.fused(codeDistances: distances, lexicalScores: scores)
        XCTAssertEqual(fused.map(\.position), [1, 0, 2, 3])
        XCTAssertEqual(fused.map(\.distance), [0.125, 0.5, 0.5, 1])
        // The default w = 0.6: 0.4, 0.9, 0.5, 0, so the document with half the best words overtakes the
        // nearest one, which has none of them.
        XCTAssertEqual(LexicalReranking().fusedOrder(codeDistances: distances, lexicalScores: scores), [1, 2, 0, 3])
        // Agreeing orders stay as they are; an empty shortlist stays empty.
        XCTAssertEqual(LexicalReranking().fusedOrder(codeDistances: [0, 1, 2, 3], lexicalScores: [4, 3, 2, 1]),
                       [0, 1, 2, 3])
        XCTAssertEqual(LexicalReranking().fusedOrder(codeDistances: [], lexicalScores: []), [])
        XCTAssertEqual(LexicalReranking(shortlistSize: 50).shortlistSize(k: 80), 80)
    }

    /// The ends of the lexical weight: 0 is the codes' order whatever the words, 1 is BM25's order with ties
    /// in code order; equal code distances and no shared word keep the code order, at distance 1 − (1 − w).
    func testTheLexicalWeightMovesTheOrderFromTheCodesToTheWords() {
        let distances: [Double] = [0, 1, 2, 4], scores: [Double] = [0, 8, 4, 0]
        XCTAssertEqual(LexicalReranking(lexicalWeight: 0).fusedOrder(codeDistances: distances, lexicalScores: scores),
                       [0, 1, 2, 3])
        XCTAssertEqual(LexicalReranking(lexicalWeight: 1).fusedOrder(codeDistances: distances, lexicalScores: scores),
                       [1, 2, 0, 3])
        let flat = LexicalReranking().fused(codeDistances: [3, 3, 3], lexicalScores: [0, 0, 0])
        XCTAssertEqual(flat.map(\.position), [0, 1, 2])
        for entry in flat { XCTAssertEqual(entry.distance, 0.6, accuracy: 1e-12) }
    }

    /// The scorer one document at a time against `BM25Baseline`'s matrix formulation on random bags.
    func testScorerMatchesTheBM25Baseline() {
        var generator = SeededGenerator(seed: 12)
        func randomBag() -> BagOfWords {
            let terms = (0..<30).filter { _ in generator.next() % 4 == 0 }.map(Int32.init)
            return BagOfWords(termIDs: terms, counts: terms.map { _ in Float(1 + generator.next() % 3) })
        }
        let database = (0..<40).map { _ in randomBag() }
        let queries = (0..<5).map { _ in randomBag() }
        let corpus = BaselineCorpus(database: BagOfWordsMatrix(database, width: 30),
                                    queries: BagOfWordsMatrix(queries, width: 30))
        let baseline = BM25Baseline(corpus: corpus)
        let scorer = BM25Scorer(documentFrequencies: corpus.databaseDocumentFrequencies(), documentCount: 40)
        let reranking = LexicalReranking()
        for (query, bag) in queries.enumerated() {
            // Over the whole database as the shortlist, lengths are measured against the database's mean, as
            // the baseline measures them.
            let scores = reranking.lexicalScores(query: bag, shortlist: database, scorer: scorer)
            for (document, distance) in baseline.distances(forQuery: query).enumerated() {
                XCTAssertEqual(scores[document], -Double(distance), accuracy: 1e-4)
            }
        }
    }

    /// The evaluation's full ranking puts the fused shortlist first and the rest in code order.
    func testHybridCodesRanksTheFusedShortlistFirst() {
        // Two-number codes (1, 0.2·d) for documents d = 0...5 and the query at (1, 0): cosine distance grows
        // with d (0, 0.0194, 0.0715, 0.1425, ...). Bags: term d mod 2; the question has term 1.
        let database = Matrix(rows: 6, columns: 2, values: (0..<6).flatMap { [1, 0.2 * Float($0)] })
        let query = Matrix(rows: 1, columns: 2, values: [1, 0])
        let bags = (0..<6).map { BagOfWords(termIDs: [Int32($0 % 2)], counts: [1]) }
        let question = [BagOfWords(termIDs: [1], counts: [1])]
        let scorer = BM25Scorer(documentFrequencies: [3, 3], documentCount: 6)
        let method = HybridCodes(name: "hybrid", databaseCodes: database, queryCodes: query, databaseBags: bags,
                                 queryBags: question, scorer: scorer, reranking: LexicalReranking(shortlistSize: 3))
        let distances = method.distances(forQuery: 0)
        let ranking = (0..<6).sorted { (distances[$0], $0) < (distances[$1], $1) }
        // Shortlist 0, 1, 2: closeness 1, 0.73, 0; words 0, 1, 0; fused 0.4, 0.89, 0 → 1, 0, 2; then 3, 4, 5
        // by code distance.
        XCTAssertEqual(ranking, [1, 0, 2, 3, 4, 5])
        XCTAssertTrue(distances[0..<3].allSatisfy { $0 < 0 } && distances[3...].allSatisfy { $0 >= 0 })
        let wide = HybridCodes(name: "hybrid", databaseCodes: database, queryCodes: query, databaseBags: bags,
                               queryBags: question, scorer: scorer, reranking: LexicalReranking(shortlistSize: 4))
        let wideDistances = wide.distances(forQuery: 0)
        // Shortlist 0...3: closeness 1, 0.86, 0.50, 0; words 0, 1, 0, 1; fused 0.4, 0.95, 0.2, 0.6 → 1, 3, 0, 2,
        // then 4, 5.
        XCTAssertEqual((0..<6).sorted { (wideDistances[$0], $0) < (wideDistances[$1], $1) }, [1, 3, 0, 2, 4, 5])
    }
}
