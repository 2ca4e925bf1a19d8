/// How `VocabularyBuilder` chooses the terms a model reads.
///
/// The defaults follow the semantic-hashing experiments (Salakhutdinov & Hinton 2009, section 4.1), the terms
/// of highest document frequency after stop-word removal, with more of them than the papers' 2000.
/// Stored in the index as JSON.
public struct VocabularyConfiguration: Codable, Sendable, Equatable {
    /// The number of terms to keep (the model's input width). Default 5000: on a validation split of the
    /// 20 Newsgroups training set the default model's P@100 was 0.336 with 2000 terms, 0.391 with 5000 and
    /// 0.385 with 10,000 (which also trains longer); see BENCHMARKS.md.
    public var size: Int
    /// Terms in fewer training documents than this are never chosen. Default 2: a term seen in one document
    /// cannot relate two documents.
    public var minimumDocumentFrequency: Int
    /// Terms in more than this fraction of the training documents are never chosen. Default 1.0 (no limit):
    /// stop-word removal already drops the function words, and the experiments keep the remaining most
    /// frequent terms.
    public var maximumDocumentFrequencyRatio: Double

    public init(size: Int = 5000, minimumDocumentFrequency: Int = 2, maximumDocumentFrequencyRatio: Double = 1.0) {
        precondition(size > 0, "the vocabulary must have at least one term")
        precondition(minimumDocumentFrequency >= 1, "the minimum document frequency must be at least 1")
        precondition((0...1).contains(maximumDocumentFrequencyRatio), "the maximum ratio must lie in [0, 1]")
        self.size = size
        self.minimumDocumentFrequency = minimumDocumentFrequency
        self.maximumDocumentFrequencyRatio = maximumDocumentFrequencyRatio
    }
}
