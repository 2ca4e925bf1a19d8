/// What `CorpusIngestion.ingest` stored: the documents' internal ids and bags (in corpus order, ready for
/// training and encoding), the vocabulary in force, and what reading the corpus took.
public struct IngestionResult: Sendable {
    public var ids: [Int64]
    public var bags: [BagOfWords]
    public var vocabulary: Vocabulary
    public var textConfiguration: TextConfiguration
    /// True when this ingestion chose the index's vocabulary (a new index).
    public var builtVocabulary: Bool
    public var corpus: CorpusReport
    /// UTF-8 bytes of document text read.
    public var bytes: Int
    /// Tokens after stop words and stemming, in and out of the vocabulary.
    public var tokens: Int
    public var seconds: Double

    /// Documents with no in-vocabulary word: stored, but they cannot be hashed meaningfully.
    public var emptyDocumentCount: Int { bags.lazy.filter(\.isEmpty).count }
}

/// Progress of the tokenization pass.
public struct IngestionProgress: Sendable {
    public var documents: Int
    public var bytes: Int
    public var elapsed: Duration
}
