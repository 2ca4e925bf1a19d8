import SemanticHashing
import XCTest

final class BaselinesTests: XCTestCase {
    func testParsesACommaSeparatedList() throws {
        XCTAssertEqual(try BaselineKind.parseList("tfidf, lsa,lsh,tfidf"), [.tfidf, .lsa, .lsh])
        XCTAssertEqual(try BaselineKind.parseList("lsa-bits,BM25,lsa128"), [.lsaBits, .bm25, .lsa128])
        XCTAssertThrowsError(try BaselineKind.parseList("tfidf,word2vec")) { error in
            XCTAssertEqual(error as? EvaluationError, .unknownBaseline(name: "word2vec"))
            XCTAssertTrue("\(error)".contains("tfidf, bm25, lsa, lsa128, lsh, lsa-bits"))
        }
    }

    func testBuildsEveryKindInOrderWithItsSizes() throws {
        let documents = (0..<12).map { BagOfWords(termIDs: [Int32($0 % 6), Int32(6 + $0 % 4)], counts: [1, 2]) }
        let corpus = BaselineCorpus(database: BagOfWordsMatrix(documents, width: 200), queries: BagOfWordsMatrix(Array(documents.prefix(3)), width: 200))
        let settings = BaselineSettings(codeDimension: 4, bitCount: 16, seed: 2)
        let methods = try Baselines.build(BaselineKind.allCases, corpus: corpus, settings: settings)
        XCTAssertEqual(methods.map(\.name), ["tfidf", "bm25", "lsa-4", "lsa-128", "lsh-16", "lsa-bits-16"])
        XCTAssertEqual(methods.map(\.metric), ["cosine", "bm25", "cosine", "cosine", "hamming", "hamming"])
        for method in methods {
            XCTAssertEqual(method.databaseCount, 12)
            XCTAssertEqual(method.queryCount, 3)
        }
    }

    func testRejectsSizesTheVocabularyCannotGive() {
        let corpus = BaselineCorpus(database: BagOfWordsMatrix([BagOfWords(termIDs: [0], counts: [1])], width: 50),
                                    queries: BagOfWordsMatrix([], width: 50))
        XCTAssertThrowsError(try Baselines.build([.lsa128], corpus: corpus)) { error in
            XCTAssertEqual(error as? EvaluationError,
                           .invalidBaselineSize(baseline: "lsa128", requested: 128, allowed: 1...50))
        }
        XCTAssertThrowsError(try Baselines.build([.lsh], corpus: corpus, settings: BaselineSettings(bitCount: 0)))
    }
}
