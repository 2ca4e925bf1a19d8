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

    public init(
        stemmer: String? = "english",
        removesStopWords: Bool = true,
        locale: String = "en",
        maximumTermLength: Int = 40
    ) {
        precondition(maximumTermLength > 0, "the maximum term length must be positive")
        self.stemmer = stemmer
        self.removesStopWords = removesStopWords
        self.locale = locale
        self.maximumTermLength = maximumTermLength
    }
}
