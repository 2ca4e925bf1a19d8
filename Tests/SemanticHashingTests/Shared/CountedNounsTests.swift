@testable import SemanticHashing
import XCTest

/// Counts and their nouns and verbs agree in the messages a person reads.
final class CountedNounsTests: XCTestCase {
    func testOneTakesTheSingularAndEveryOtherCountThePlural() {
        XCTAssertEqual(1.counting("document"), "1 document")
        XCTAssertEqual(0.counting("document"), "0 documents")
        XCTAssertEqual(2.counting("document"), "2 documents")
        XCTAssertEqual(1.counting("query", plural: "queries"), "1 query")
        XCTAssertEqual(3.counting("query", plural: "queries"), "3 queries")
        XCTAssertEqual(1.agreeing("has", "have"), "has")
        XCTAssertEqual(0.agreeing("has", "have"), "have")
    }

    func testMessagesAgreeWithACountOfOne() {
        XCTAssertEqual(TopicError.tooFewDocuments(documents: 1, topics: 2).description, "cannot find 2 topics in 1 document")
        XCTAssertEqual(IndexError.noWords("c", documents: 1).description,
                       "the 1 document of c holds no words (empty files, or only stop words)")
        XCTAssertEqual(IndexCheck.Problem.sampledHashesDisagree(1, sampled: 40).description,
                       "1 of 40 sampled documents has a hash the stored model does not make")
        XCTAssertEqual(IndexCheck.Problem.hashesDisagree(1, of: 1).description, "1 of 1 hash does not match its code")
    }
}
