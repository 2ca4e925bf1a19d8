/// A document as the index keeps it: metadata and an excerpt, without its full text or bag of words.
public struct StoredDocument: Sendable, Equatable {
    /// The internal id that codes and topics refer to; kept when the document is re-indexed.
    public var id: Int64
    /// The corpus id (`Document.id`), unique in the index.
    public var externalID: String
    public var title: String
    public var source: String
    public var labels: [String]
    /// The number of tokens after text processing (in and out of the vocabulary).
    public var tokenCount: Int
    /// The tokens not in the vocabulary.
    public var outOfVocabularyCount: Int
    /// The first `IndexOptions.excerptLength` characters of the text.
    public var excerpt: String
    /// True when no token is in the vocabulary, so the document has no code.
    public var isEmpty: Bool

    public init(id: Int64, externalID: String, title: String, source: String, labels: [String],
                tokenCount: Int, outOfVocabularyCount: Int, excerpt: String, isEmpty: Bool) {
        self.id = id
        self.externalID = externalID
        self.title = title
        self.source = source
        self.labels = labels
        self.tokenCount = tokenCount
        self.outOfVocabularyCount = outOfVocabularyCount
        self.excerpt = excerpt
        self.isEmpty = isEmpty
    }
}
