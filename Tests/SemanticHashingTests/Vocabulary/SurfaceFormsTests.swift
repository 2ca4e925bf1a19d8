import SemanticHashing
import XCTest

final class SurfaceFormsTests: XCTestCase {
    func testTheMostFrequentFormWins() {
        var forms = SurfaceForms()
        forms.add(word: "images", term: "imag", count: 3)
        forms.add(word: "image", term: "imag", count: 5)
        forms.add(word: "imaging", term: "imag")
        forms.add(word: "images", term: "imag", count: 3)  // 6 in all: now the most frequent
        XCTAssertEqual(forms.count(of: "images", for: "imag"), 6)
        XCTAssertEqual(forms.mostFrequentWord(for: "imag"), "images")
        XCTAssertNil(forms.mostFrequentWord(for: "secur"))
    }

    func testTiesGoToTheFirstFormInByteOrderWhateverTheOrderOfCounting() {
        let counts = [("securities", 4), ("security", 4), ("secure", 4), ("secured", 1)]
        for order in [counts, counts.reversed(), [counts[1], counts[3], counts[0], counts[2]]] {
            var forms = SurfaceForms()
            for (word, count) in order { forms.add(word: word, term: "secur", count: count) }
            XCTAssertEqual(forms.mostFrequentWord(for: "secur"), "secure")
        }
    }

    func testAVocabularyShowsItsTermsWhereNoFormWasCounted() {
        var forms = SurfaceForms()
        forms.add(word: "people", term: "peopl", count: 2)
        let vocabulary = Vocabulary(terms: ["peopl", "realli"], documentFrequencies: [2, 1], documentCount: 2)
        let words = forms.words(for: vocabulary)
        XCTAssertEqual(words, ["people", "realli"])
        XCTAssertNil(vocabulary.recordedWords)
        XCTAssertEqual(vocabulary.words, vocabulary.terms)
        let shown = vocabulary.withWords(words)
        XCTAssertEqual(shown.words, ["people", "realli"])
        XCTAssertEqual(shown.fingerprint, vocabulary.fingerprint, "words label terms; the model's inputs are the same")
        XCTAssertEqual(shown.word(for: "peopl"), "people")
        XCTAssertEqual(shown.word(for: "realli"), "realli")
        XCTAssertEqual(shown.word(for: "imag"), "imag", "a term out of vocabulary is shown as it is")
    }

    func testTheTokenizerReportsEachTermWithItsWord() throws {
        let tokenizer = try Tokenizer()
        var pairs: [String] = []
        tokenizer.forEachTermAndWord(in: "The Images were imaged; IMAGES!") { pairs.append("\($0)<\($1)") }
        XCTAssertEqual(pairs, ["imag<images", "imag<imaged", "imag<images"])
        var plain: [String] = []
        tokenizer.forEachTerm(in: "The Images were imaged; IMAGES!") { plain.append($0) }
        XCTAssertEqual(plain, ["imag", "imag", "imag"], "the cached path gives the same terms")
    }
}
