/// The answer to one search, with the statistics of how it was found.
public struct SearchResults: Sendable, Equatable {
    /// The hits, best first, in the metric's `SearchOrder` (a hybrid search: in fused order).
    public let hits: [SearchHit]
    /// The Hamming radius the answer was drawn from: the radius asked for, the radius the cascade grew to,
    /// or for a Hamming top-k the distance of the farthest hit. Nil for a Euclidean search.
    public let hammingRadius: Int?
    /// The number of documents the cascade re-ranked by Euclidean distance, or the hybrid search re-ranked
    /// with their words; nil for other searches.
    public let shortlistCount: Int?
    /// For a hybrid search, each hit's fusion distance (`LexicalReranking.fusionDistance`), non-decreasing;
    /// nil for other searches.
    public let fusionDistances: [Double]?

    public init(hits: [SearchHit], hammingRadius: Int?, shortlistCount: Int?, fusionDistances: [Double]? = nil) {
        precondition(fusionDistances.map { $0.count == hits.count } ?? true, "one fusion distance per hit")
        self.hits = hits
        self.hammingRadius = hammingRadius
        self.shortlistCount = shortlistCount
        self.fusionDistances = fusionDistances
    }
}
