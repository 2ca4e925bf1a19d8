/// The TF-IDF vectors of a corpus's database and queries, computed once and shared by the baselines built on
/// them (TF-IDF cosine, LSA, LSH, LSA bits).
public struct TFIDFMatrices: Sendable {
    public let weighting: TFIDFWeighting
    /// Database documents × vocabulary, unit-length rows.
    public let database: Matrix
    /// Queries × vocabulary, unit-length rows.
    public let queries: Matrix

    public init(corpus: BaselineCorpus, termFrequency: TermFrequencyScaling = .raw) {
        weighting = TFIDFWeighting(corpus: corpus, termFrequency: termFrequency)
        database = weighting.matrix(corpus.database)
        queries = weighting.matrix(corpus.queries)
    }
}
