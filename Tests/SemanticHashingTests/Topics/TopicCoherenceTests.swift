import Foundation
import SemanticHashing
import XCTest

final class TopicCoherenceTests: XCTestCase {
    /// Four documents over terms 0 a, 1 b, 2 c: {a, b}, {a, b}, {a, c}, {c}.
    private let documents = [
        BagOfWords(termIDs: [0, 1], counts: [1, 2]),
        BagOfWords(termIDs: [0, 1], counts: [3, 1]),
        BagOfWords(termIDs: [0, 2], counts: [1, 1]),
        BagOfWords(termIDs: [2], counts: [4]),
    ]

    func testAHandMadeCorpusGivesTheValueWorkedOutByHand() {
        // P(a) = 3/4, P(b) = P(c) = 1/2; P(a, b) = 1/2, P(a, c) = 1/4, P(b, c) = 0.
        // NPMI(b, a) = ln((1/2) / (3/4 · 1/2)) / −ln(1/2) = ln(4/3) / ln 2            =  0.4150375
        // NPMI(c, a) = ln((1/4) / (3/4 · 1/2)) / −ln(1/4) = ln(2/3) / ln 4            = −0.2924813
        // NPMI(c, b) = ln(ε / (1/2 · 1/2)) / −ln ε, ε = 1e-12 (gensim's EPSILON)       = −0.9498283
        // mean over the three pairs                                                   = −0.2757574
        let scores = TopicCoherence.npmi(of: [[0, 1, 2], [0, 1], [2]], documents: documents)
        XCTAssertEqual(scores[0], -0.2757574, accuracy: 1e-6)
        XCTAssertEqual(scores[1], 0.4150375, accuracy: 1e-6)
        XCTAssertEqual(scores[2], 0, "a single word has no pair")
        XCTAssertEqual(TopicCoherence.npmi(of: [[2, 1, 0]], documents: documents)[0], scores[0], accuracy: 1e-12,
                       "the order of a topic's words does not matter")
    }

    func testWordsThatAlwaysMeetScoreOneAndCountsDoNotMatter() {
        let together = [BagOfWords(termIDs: [0, 1], counts: [5, 1]), BagOfWords(termIDs: [2], counts: [1])]
        XCTAssertEqual(TopicCoherence.npmi(of: [[0, 1]], documents: together)[0], 1, accuracy: 1e-9)
    }

    func testManyDocumentsCrossWordBoundaries() {
        // 130 documents (three 64-bit blocks): term 0 in the even ones, term 1 in every fourth.
        let documents = (0..<130).map { index in
            BagOfWords(termIDs: index % 4 == 0 ? [0, 1] : index % 2 == 0 ? [0] : [2], counts: index % 4 == 0 ? [1, 1] : [1])
        }
        let expected = TopicCoherence.npmi(joint: 33, first: 65, second: 33, documents: 130)
        XCTAssertEqual(TopicCoherence.npmi(of: [[0, 1]], documents: documents)[0], expected, accuracy: 1e-12)
        XCTAssertEqual(expected, log(130.0 / 65) / -log(33.0 / 130), accuracy: 1e-9)
    }

    func testReadableWordsHaveTwoLettersAndNothingElse() {
        for word in ["images", "i'm", "don't", "e-mail", "u.s", "straße", "ünïcödé", "日本"] {
            XCTAssertTrue(TopicWord.isReadable(word), word)
        }
        for word in ["m", "@", "3d", "x11r5", "u.", "'em", "geb@cadre.dsl.pitt.edu", "", "a1", "--"] {
            XCTAssertFalse(TopicWord.isReadable(word), word)
        }
    }
}
