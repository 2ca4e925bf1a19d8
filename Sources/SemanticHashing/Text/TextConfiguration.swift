/// How text becomes terms: the choices a `Tokenizer` is built from.
///
/// Stored in the index as JSON, so that queries and added documents are tokenized exactly like the
/// training corpus. The defaults follow the semantic-hashing experiments (Salakhutdinov & Hinton 2009,
/// section 4.1): English stop words removed, words stemmed.
public struct TextConfiguration: Codable, Sendable, Equatable {
    /// The Snowball stemming algorithm (`sb_stemmer_list()` names, e.g. "english", "porter", "german"),
    /// or nil to keep words unstemmed. Default "english".
    public var stemmer: String?
    /// Whether to drop the English stop words of `StopWords.english`. Default true.
    public var removesStopWords: Bool
    /// The ICU locale of the word segmenter (e.g. "en"; "" for the root locale). Default "en".
    public var locale: String
    /// Words longer than this many UTF-8 bytes (after case folding) are dropped: in mail and news they are
    /// almost always base64 or uuencoded data, not words. Default 40.
    public var maximumTermLength: Int
    /// Whether a document's title counts as words of the document when it is a field of its own
    /// (`Document.titleIsSeparateField`). Default true; indexes written before this setting existed read as true.
    public var countsTitles: Bool

    public init(
        stemmer: String? = "english",
        removesStopWords: Bool = true,
        locale: String = "en",
        maximumTermLength: Int = 40,
        countsTitles: Bool = true
    ) {
        precondition(maximumTermLength > 0, "the maximum term length must be positive")
        self.stemmer = stemmer
        self.removesStopWords = removesStopWords
        self.locale = locale
        self.maximumTermLength = maximumTermLength
        self.countsTitles = countsTitles
    }

    private enum CodingKeys: String, CodingKey {
        case stemmer, removesStopWords, locale, maximumTermLength, countsTitles
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(stemmer: try container.decodeIfPresent(String.self, forKey: .stemmer),
                  removesStopWords: try container.decode(Bool.self, forKey: .removesStopWords),
                  locale: try container.decode(String.self, forKey: .locale),
                  maximumTermLength: try container.decode(Int.self, forKey: .maximumTermLength),
                  countsTitles: try container.decodeIfPresent(Bool.self, forKey: .countsTitles) ?? true)
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
