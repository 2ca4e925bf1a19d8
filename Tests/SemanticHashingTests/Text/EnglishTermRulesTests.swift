import Foundation
import SemanticHashing
import XCTest

/// `TermRules.english`: possessives, contractions, stop words after stemming, one-character terms.
final class EnglishTermRulesTests: XCTestCase {
    func testPossessivesLoseTheirEndingWithEitherApostrophe() throws {
        let tokenizer = try Tokenizer()
        XCTAssertEqual(tokenizer.terms(in: "John's car, Mary’s bike"), ["john", "car", "mari", "bike"])
        // "it's" is "it", a stop word.
        XCTAssertEqual(tokenizer.terms(in: "it's it’s that's"), [])
    }

    func testContractionsOfStopWordsAreDropped() throws {
        let tokenizer = try Tokenizer()
        XCTAssertEqual(tokenizer.terms(in: "I don't think I'm sure, I've seen they're, we'll, you'd, isn’t"),
                       ["think", "sure", "seen"])
        // A contraction ending on a word that is not a stop word leaves the word.
        XCTAssertEqual(tokenizer.terms(in: "Smith'll"), ["smith"])
        // An apostrophe inside a name is not a contraction.
        XCTAssertEqual(tokenizer.terms(in: "O'Neill"), ["o'neil"])
    }

    func testStopWordsAreCheckedAgainAfterStemmingExceptForPlurals() throws {
        let tokenizer = try Tokenizer()
        XCTAssertEqual(tokenizer.terms(in: "getting giving does did"), [])
        XCTAssertEqual(tokenizer.terms(in: "wells systems parts"), ["well", "system", "part"])
    }

    func testOneCharacterTermsAreDroppedAndShortNamesKept() throws {
        let tokenizer = try Tokenizer()
        XCTAssertEqual(tokenizer.terms(in: "x q e w 3d x86 ok"), ["3d", "x86", "ok"])
        // One ideograph is a word.
        XCTAssertEqual(tokenizer.terms(in: "我"), ["我"])
    }

    func testAcronymsStayWholeAndUnstemmed() throws {
        let tokenizer = try Tokenizer()
        XCTAssertEqual(tokenizer.terms(in: "the U.S. and U.K., e.g. i.e."), ["u.s", "u.k"])
    }

    func testKeepingStopWordsKeepsOneLetterWordsAndContractions() throws {
        let tokenizer = try Tokenizer(configuration: TextConfiguration(stemmer: nil, removesStopWords: false))
        XCTAssertEqual(tokenizer.terms(in: "I don't know John's x"), ["i", "don't", "know", "john", "x"])
    }

    func testBasicRulesKeepTheOldBehaviour() throws {
        let tokenizer = try Tokenizer(configuration: TextConfiguration(termRules: .basic))
        XCTAssertEqual(tokenizer.terms(in: "x it's don't getting"), ["x", "it", "don't", "get"])
    }

    /// An index written before the English rules existed stored its configuration without `termRules`: it
    /// must keep tokenizing questions by the basic rules.
    func testAConfigurationStoredWithoutTermRulesReadsAsBasic() throws {
        let stored = #"{"stemmer":"english","removesStopWords":true,"locale":"en","maximumTermLength":40}"#
        let configuration = try JSONDecoder().decode(TextConfiguration.self, from: Data(stored.utf8))
        XCTAssertEqual(configuration.termRules, .basic)
        XCTAssertEqual(configuration, TextConfiguration(termRules: .basic))
        let current = try JSONDecoder().decode(TextConfiguration.self, from: JSONEncoder().encode(TextConfiguration()))
        XCTAssertEqual(current.termRules, .english)
    }

    func testCachedAndUncachedTokenizersAgreeUnderTheEnglishRules() throws {
        let text = "It's John's U.S. don't wells getting x x86 I'm Mary’s o'neill e.g. " + String(repeating: "don't x ", count: 50)
        XCTAssertEqual(try Tokenizer(cacheCapacity: 0).terms(in: text), try Tokenizer(cacheCapacity: 3).terms(in: text))
        XCTAssertEqual(try Tokenizer(cacheCapacity: 0).terms(in: text), try Tokenizer().terms(in: text))
    }
}
