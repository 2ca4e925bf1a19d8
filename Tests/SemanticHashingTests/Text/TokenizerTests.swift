import SemanticHashing
import TestSupport
import XCTest

final class TokenizerTests: XCTestCase {
    /// Folding only: no stop words, no stemming.
    private func foldingTokenizer() throws -> Tokenizer {
        try Tokenizer(configuration: TextConfiguration(stemmer: nil, removesStopWords: false))
    }

    func testGermanSharpSCaseFoldsToDoubleS() throws {
        let tokenizer = try foldingTokenizer()
        XCTAssertEqual(tokenizer.terms(in: "Straße STRASSE Maß ẞ"), ["strasse", "strasse", "mass", "ss"])
    }

    func testGreekAndCyrillicAreCaseFolded() throws {
        let tokenizer = try foldingTokenizer()
        XCTAssertEqual(tokenizer.terms(in: "Ελληνικά ΚΕΊΜΕΝΑ"), ["ελληνικά", "κείμενα"])
        // Case folding maps both capital and final sigma to σ, so the forms of a word meet.
        XCTAssertEqual(tokenizer.terms(in: "ΟΔΟΣ οδος"), ["οδοσ", "οδοσ"])
        XCTAssertEqual(tokenizer.terms(in: "Москва МОСКВА москва"), ["москва", "москва", "москва"])
    }

    func testArabicWordsAreSeparatedAtSpaces() throws {
        XCTAssertEqual(try foldingTokenizer().terms(in: "العربية لغة جميلة"), ["العربية", "لغة", "جميلة"])
    }

    func testJapaneseAndChineseAreSegmentedByDictionary() throws {
        let tokenizer = try foldingTokenizer()
        // ICU's dictionary splits unspaced text into several words that together are the whole text.
        let japanese = "東京都に住んでいます"
        let japaneseWords = tokenizer.terms(in: japanese)
        XCTAssertGreaterThan(japaneseWords.count, 2)
        XCTAssertEqual(japaneseWords.joined(), japanese)
        XCTAssertTrue(japaneseWords.contains("東京"))
        let chinese = "我喜欢学习中文"
        let chineseWords = tokenizer.terms(in: chinese)
        XCTAssertGreaterThan(chineseWords.count, 2)
        XCTAssertEqual(chineseWords.joined(), chinese)
        XCTAssertTrue(chineseWords.contains("中文"))
    }

    func testCompatibilityCharactersAreNormalized() throws {
        let tokenizer = try foldingTokenizer()
        XCTAssertEqual(tokenizer.terms(in: "ﬁle ＡＢＣ Ｗｉｄｅ"), ["file", "abc", "wide"])
        // Composed and decomposed accents give the same term.
        XCTAssertEqual(tokenizer.terms(in: "caf\u{E9} cafe\u{301}"), ["café", "café"])
    }

    /// ASCII words are folded by a fast path in C; words with a non-ASCII letter go through ICU's NFKC
    /// casefold (the reference). Appending "é" moves a word to the reference path without changing the fold
    /// of its ASCII part.
    func testASCIIFastPathMatchesICUCaseFolding() throws {
        let tokenizer = try foldingTokenizer()
        let characters = (UInt8(ascii: "A")...UInt8(ascii: "Z")).map { String(UnicodeScalar($0)) }
            + (UInt8(ascii: "a")...UInt8(ascii: "z")).map { String(UnicodeScalar($0)) }
            + (0...9).map(String.init)
        var words = characters.map { "Q\($0)x" }
        words += ["O'Neill", "e.g", "snake_CASE", "MiXeD", "x86"]
        for word in words {
            let fast = tokenizer.terms(in: word)
            let reference = tokenizer.terms(in: word + "é")
            XCTAssertEqual(fast.count, 1, word)
            XCTAssertEqual(fast.map { $0 + "é" }, reference, word)
        }
    }

    func testNumbersAndPunctuationAreDroppedButWordsWithDigitsKept() throws {
        let tokenizer = try foldingTokenizer()
        XCTAssertEqual(tokenizer.terms(in: "1993 3.14 1,000 -42 ... !? $5"), [])
        XCTAssertEqual(tokenizer.terms(in: "abc123 x86 2nd Win32"), ["abc123", "x86", "2nd", "win32"])
    }

    func testStopWordsAreRemovedAfterFolding() throws {
        let tokenizer = try Tokenizer(configuration: TextConfiguration(stemmer: nil))
        XCTAssertEqual(tokenizer.terms(in: "THE quick brown fox is Over the lazy dog"),
                       ["quick", "brown", "fox", "lazy", "dog"])
        let keeping = try Tokenizer(configuration: TextConfiguration(stemmer: nil, removesStopWords: false))
        XCTAssertEqual(keeping.terms(in: "The fox"), ["the", "fox"])
    }

    func testStopWordsAreCheckedBeforeStemming() throws {
        let tokenizer = try Tokenizer()
        // "becoming" is a stop word itself; "wells" is not, although its stem "well" is.
        XCTAssertEqual(tokenizer.terms(in: "becoming wells"), ["well"])
    }

    func testStemmingCanBeSwitchedOff() throws {
        let stemming = try Tokenizer()
        XCTAssertEqual(stemming.terms(in: "running connections"), ["run", "connect"])
        let plain = try Tokenizer(configuration: TextConfiguration(stemmer: nil))
        XCTAssertEqual(plain.terms(in: "running connections"), ["running", "connections"])
        let german = try Tokenizer(configuration: TextConfiguration(stemmer: "german", removesStopWords: false))
        XCTAssertEqual(german.terms(in: "Häuser"), ["haus"])
    }

    func testOverlongWordsAreDroppedByUTF8Length() throws {
        let tokenizer = try Tokenizer(configuration: TextConfiguration(stemmer: nil, maximumTermLength: 40))
        let fortyLetters = String(repeating: "a", count: 40)
        let fortyOneLetters = String(repeating: "b", count: 41)
        XCTAssertEqual(tokenizer.terms(in: "\(fortyLetters) \(fortyOneLetters)"), [fortyLetters])
        // "é" is two bytes: 20 of them fit in 40 bytes, 21 do not.
        let twentyAccents = String(repeating: "é", count: 20)
        XCTAssertEqual(tokenizer.terms(in: "\(twentyAccents) \(String(repeating: "é", count: 21))"), [twentyAccents])
    }

    func testUnknownStemmerListsTheAvailableOnes() {
        XCTAssertThrowsError(try Tokenizer(configuration: TextConfiguration(stemmer: "klingon"))) { error in
            guard case let TextError.unknownStemmer(name, available) = error else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertEqual(name, "klingon")
            XCTAssertTrue(available.contains("english"))
            XCTAssertTrue(available.contains("german"))
            XCTAssertTrue("\(error)".contains("english"))
        }
    }

    func testForEachTermAndTermsAgreeAndEmptyTextHasNoTerms() throws {
        let tokenizer = try Tokenizer()
        let text = "Spacecraft engineers tested the engines; the engines passed."
        var collected: [String] = []
        tokenizer.forEachTerm(in: text) { collected.append($0) }
        XCTAssertEqual(collected, tokenizer.terms(in: text))
        XCTAssertEqual(collected, ["spacecraft", "engin", "test", "engin", "engin", "pass"])
        XCTAssertEqual(tokenizer.terms(in: ""), [])
    }

    /// The cache is the fast path; a tokenizer without a cache decides every word afresh (the reference).
    func testCachedTokenizerMatchesUncachedReference() throws {
        var generator = SeededGenerator(seed: 2024)
        let pieces = ["The", "running", "RUNNING", "runner", "über", "Größe", "ﬁsh", "東京", "becoming", "wells",
                      "connection", "a1", "x", String(repeating: "long", count: 5), String(repeating: "Löng", count: 6)]
        var words: [String] = []
        for _ in 0..<3000 {
            let base = pieces[Int(generator.next() % UInt64(pieces.count))]
            // Random suffixes create many distinct words, so that the cache grows and fills up.
            words.append(base + String(generator.next() % 500, radix: 26))
        }
        let text = words.joined(separator: " ")
        let reference = try Tokenizer(cacheCapacity: 0).terms(in: text)
        XCTAssertGreaterThan(reference.count, 2000)
        for capacity in [7, 200_000] {
            let tokenizer = try Tokenizer(cacheCapacity: capacity)
            XCTAssertEqual(tokenizer.terms(in: text), reference, "cache capacity \(capacity)")
            XCTAssertEqual(tokenizer.terms(in: text), reference, "second pass, cache capacity \(capacity)")
        }
    }

    func testConfigurationRoundTripsThroughJSON() throws {
        let configurations = [
            TextConfiguration(),
            TextConfiguration(stemmer: nil, removesStopWords: false, locale: "de", maximumTermLength: 12),
        ]
        for configuration in configurations {
            let data = try JSONEncoder().encode(configuration)
            XCTAssertEqual(try JSONDecoder().decode(TextConfiguration.self, from: data), configuration)
        }
    }
}
