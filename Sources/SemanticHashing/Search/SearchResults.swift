/// The answer to one search, with the statistics of how it was found.
public struct SearchResults: Sendable, Equatable {
    /// The hits, best first, in the metric's `SearchOrder`.
    public let hits: [SearchHit]
    /// The Hamming radius the answer was drawn from: the radius asked for, the radius the cascade grew to,
    /// or for a Hamming top-k the distance of the farthest hit. Nil for a Euclidean search.
    public let hammingRadius: Int?
    /// The number of documents the cascade re-ranked by Euclidean distance, or the hybrid search re-ranked
    /// with their words; nil for other searches.
    public let shortlistCount: Int?

    public init(hits: [SearchHit], hammingRadius: Int?, shortlistCount: Int?) {
        self.hits = hits
        self.hammingRadius = hammingRadius
        self.shortlistCount = shortlistCount
    }
}
