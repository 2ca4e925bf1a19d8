/// How text becomes terms: the choices a `Tokenizer` is built from.
///
/// Stored in the index as JSON, so that queries and added documents are tokenized exactly like the
/// training corpus. The defaults follow the semantic-hashing experiments (Salakhutdinov & Hinton 2009,
/// section 4.1): English stop words removed, words stemmed, with the cleaner term rules of `TermRules.english`.
/// A configuration stored before `termRules` existed reads as `TermRules.basic`, so an old index keeps
/// tokenizing its questions the way it tokenized its documents.
public struct TextConfiguration: Codable, Sendable, Equatable {
    /// The Snowball stemming algorithm (`sb_stemmer_list()` names, e.g. "english", "porter", "german"),
    /// or nil to keep words unstemmed. Default "english".
    public var stemmer: String?
    /// Whether to drop terms that carry no topic: the English stop words of `StopWords.english`, and with
    /// `TermRules.english` also contractions of stop words, stop words reached by stemming and terms of one
    /// character. Default true.
    public var removesStopWords: Bool
    /// The ICU locale of the word segmenter (e.g. "en"; "" for the root locale). Default "en".
    public var locale: String
    /// Words longer than this many UTF-8 bytes (after case folding) are dropped: in mail and news they are
    /// almost always base64 or uuencoded data, not words. Default 40.
    public var maximumTermLength: Int
    /// The rules that turn a case-folded word into a term. Default `.english`.
    public var termRules: TermRules
    /// Whether a document's title counts as words of the document when it is a field of its own
    /// (`Document.titleIsSeparateField`). Default true; indexes written before this setting existed read as true.
    public var countsTitles: Bool

    public init(
        stemmer: String? = "english",
        removesStopWords: Bool = true,
        locale: String = "en",
        maximumTermLength: Int = 40,
        countsTitles: Bool = true,
        termRules: TermRules = .english
    ) {
        precondition(maximumTermLength > 0, Self.maximumTermLengthRule)
        self.stemmer = stemmer
        self.removesStopWords = removesStopWords
        self.locale = locale
        self.maximumTermLength = maximumTermLength
        self.countsTitles = countsTitles
        self.termRules = termRules
    }

    /// The one rule a configuration must keep, checked by the initializer and the decoder alike.
    private static let maximumTermLengthRule = "the maximum term length must be positive"

    private enum CodingKeys: String, CodingKey {
        case stemmer, removesStopWords, locale, maximumTermLength, countsTitles, termRules
    }

    /// Reads a stored configuration; a maximum term length that is not positive (a damaged or hand-edited
    /// index) fails to decode instead of stopping the program at the initializer's precondition.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let maximumTermLength = try container.decode(Int.self, forKey: .maximumTermLength)
        guard maximumTermLength > 0 else {
            throw DecodingError.dataCorruptedError(forKey: .maximumTermLength, in: container,
                                                   debugDescription: Self.maximumTermLengthRule)
        }
        self.init(stemmer: try container.decodeIfPresent(String.self, forKey: .stemmer),
                  removesStopWords: try container.decode(Bool.self, forKey: .removesStopWords),
                  locale: try container.decode(String.self, forKey: .locale),
                  maximumTermLength: maximumTermLength,
                  countsTitles: try container.decodeIfPresent(Bool.self, forKey: .countsTitles) ?? true,
                  termRules: try container.decodeIfPresent(TermRules.self, forKey: .termRules) ?? .basic)
    }
}

/// Failures of the text layer: a tokenizer that cannot be built from its configuration.
public enum TextError: Error, Equatable, CustomStringConvertible {
    /// No Snowball stemmer has this name; `available` lists the names that exist.
    case unknownStemmer(name: String, available: [String])
    /// ICU could not open a word segmenter for the locale (`reason` is ICU's error name).
    case segmenterUnavailable(locale: String, reason: String)

    public var description: String {
        switch self {
        case let .unknownStemmer(name, available):
            return "unknown stemmer \"\(name)\"; available stemmers: \(available.joined(separator: ", "))"
        case let .segmenterUnavailable(locale, reason):
            return "cannot open an ICU word segmenter for locale \"\(locale)\": \(reason)"
        }
    }
}

/// How a case-folded word becomes a term, beyond stop words and stemming.
public enum TermRules: String, Codable, Sendable, CaseIterable {
    /// Stop words are checked on the folded word only, and every word with a letter is a term (the rules of
    /// indexes made before the English rules existed).
    case basic
    /// As Lucene's `EnglishAnalyzer` and scikit-learn's token pattern do: curly apostrophes read as straight
    /// ones; the possessive "'s" is removed ("john's" → "john", "it's" → "it"); acronyms with dots
    /// ("u.s", "u.k") are kept whole and unstemmed, Latin abbreviations ("e.g", "i.e") dropped with the stop words. When stop
    /// words are removed, also: contractions with "n't" are dropped ("don't", "isn't": an auxiliary and
    /// "not"), other contraction endings ('m, 're, 've, 'll, 'd) are removed before the stop-word check
    /// ("i'm" → "i", a stop word); a few auxiliary forms missing from the standard list ("does", "did",
    /// "doing", "having") are stop words; the stem is checked against the stop words again ("getting" →
    /// "get"), except that a regular plural is kept ("wells" → "well": the plural of a noun, not a function
    /// word); and terms with fewer than two letters or digits are dropped ("x", "q", "u." are initials,
    /// variable names and debris in mail and news; "x86" and "3d" stay).
    case english
}
