import SemanticHashing
import TestSupport
import XCTest

final class LexicalRerankingTests: XCTestCase {
    /// Hand-made: five documents in code order 0...4 with BM25 scores [0, 5, 1, 5, 9], so BM25 ranks them
    /// 4 (9), 1 (5, code rank 2 before code rank 4), 3 (5), 2 (1), 0 (0). With c = 1 the fused scores are
    ///   0: 1/2 + 1/6 = 0.667   1: 1/3 + 1/3 = 0.667   2: 1/4 + 1/5 = 0.45   3: 1/5 + 1/4 = 0.45   4: 1/6 + 1/2 = 0.667
    /// and equal fused scores keep code order: 0, 1, 4, 2, 3.
    func testFusionOfHandMadeRankings() {
        let reranking = LexicalReranking(shortlistSize: 5, fusionConstant: 1)
        XCTAssertEqual(reranking.fusedOrder(lexicalScores: [0, 5, 1, 5, 9]), [0, 1, 4, 2, 3])
        // Code ranks 1, 2, 3, 4 against BM25 ranks 3, 4, 1, 2: positions 0 and 2 fuse to 1/61 + 1/63, positions
        // 1 and 3 to 1/62 + 1/64; ties keep code order.
        XCTAssertEqual(LexicalReranking().fusedOrder(lexicalScores: [0, 0, 3, 1]), [0, 2, 1, 3])
        // A document first by BM25 and second by codes overtakes the code's first when that one is last by BM25.
        XCTAssertEqual(LexicalReranking().fusedOrder(lexicalScores: [0, 9, 1]), [1, 0, 2])
        // Agreeing rankings stay as they are; an empty shortlist stays empty.
        XCTAssertEqual(LexicalReranking().fusedOrder(lexicalScores: [4, 3, 2, 1]), [0, 1, 2, 3])
        XCTAssertEqual(LexicalReranking().fusedOrder(lexicalScores: []), [])
        XCTAssertEqual(LexicalReranking(shortlistSize: 50).shortlistSize(k: 80), 80)
        // Fusion distances: 0 for first by both lists, then 1 − score / (2 / (c + 1)), non-decreasing.
        let fused = LexicalReranking().fused(lexicalScores: [4, 3, 2, 1])
        XCTAssertEqual(fused[0].distance, 0, accuracy: 1e-12)
        XCTAssertEqual(fused[1].distance, 1 - (2.0 / 62) / (2.0 / 61), accuracy: 1e-12)
        XCTAssertEqual(fused.map(\.distance), fused.map(\.distance).sorted())
    }

    /// The lexical weight: with c = 1 and scores [0, 5, 1, 5, 9] (BM25 ranks 5, 2, 4, 3, 1 by position), w = 2
    /// gives 0: 1/2 + 2/6 = 0.833, 1: 1/3 + 2/3 = 1, 2: 1/4 + 2/5 = 0.65, 3: 1/5 + 2/4 = 0.7, 4: 1/6 + 2/2 = 1.167,
    /// so 4, 1, 0, 3, 2; w = 0 is the codes' order.
    func testTheLexicalWeightShiftsTheFusionTowardsTheWords() {
        let words = LexicalReranking(shortlistSize: 5, fusionConstant: 1, lexicalWeight: 2)
        XCTAssertEqual(words.fusedOrder(lexicalScores: [0, 5, 1, 5, 9]), [4, 1, 0, 3, 2])
        XCTAssertEqual(words.fused(lexicalScores: [9, 1]).first!.distance, 0, accuracy: 1e-12)
        let codes = LexicalReranking(shortlistSize: 5, fusionConstant: 1, lexicalWeight: 0)
        XCTAssertEqual(codes.fusedOrder(lexicalScores: [0, 5, 1, 5, 9]), [0, 1, 2, 3, 4])
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
        // One-number codes: document d at d, the query at 0; code order 0, 1, 2, 3, 4, 5.
        let database = Matrix(rows: 6, columns: 1, values: [0, 1, 2, 3, 4, 5])
        let query = Matrix(rows: 1, columns: 1, values: [0])
        let bags = (0..<6).map { BagOfWords(termIDs: [Int32($0 % 2)], counts: [1]) }
        let scorer = BM25Scorer(documentFrequencies: [3, 3], documentCount: 6)
        let method = HybridCodes(name: "hybrid", databaseCodes: database, queryCodes: query, databaseBags: bags,
                                 queryBags: [BagOfWords(termIDs: [1], counts: [1])], scorer: scorer,
                                 reranking: LexicalReranking(shortlistSize: 3, fusionConstant: 1))
        let distances = method.distances(forQuery: 0)
        let ranking = (0..<6).sorted { (distances[$0], $0) < (distances[$1], $1) }
        // Shortlist 0, 1, 2 with scores 0, s, 0: fused 0 (1/2 + 1/3), 1 (1/3 + 1/2), 2 (1/4 + 1/4) → 0, 1, 2
        // in code order on ties; then 3, 4, 5 by code distance.
        XCTAssertEqual(ranking, [0, 1, 2, 3, 4, 5])
        XCTAssertTrue(distances[0..<3].allSatisfy { $0 < 0 } && distances[3...].allSatisfy { $0 >= 0 })
        let wide = HybridCodes(name: "hybrid", databaseCodes: database, queryCodes: query, databaseBags: bags,
                               queryBags: [BagOfWords(termIDs: [1], counts: [1])], scorer: scorer,
                               reranking: LexicalReranking(shortlistSize: 4, fusionConstant: 1))
        let wideDistances = wide.distances(forQuery: 0)
        // Shortlist 0...3, scores 0, s, 0, s: BM25 ranks 1, 3, 0, 2; fused 0: 1/2+1/4, 1: 1/3+1/2, 2: 1/4+1/5,
        // 3: 1/5+1/3 → 1, 0, 3, 2, then 4, 5.
        XCTAssertEqual((0..<6).sorted { (wideDistances[$0], $0) < (wideDistances[$1], $1) }, [1, 0, 3, 2, 4, 5])
    }
}
