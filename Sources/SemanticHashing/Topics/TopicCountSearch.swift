extension TopicModel {
    /// A clustering of the codes with its mean silhouette and, for an automatic count, the scores of the
    /// counts tried.
    struct Clustering {
        let result: KMeansResult
        let silhouette: Double
        let scores: [TopicCountScore]
    }

    /// Clusters `codes` with the configured count.
    ///
    /// Every clustering, whatever its count, uses k-means from a fresh `SplitMix64(seed)`, so an automatic
    /// count that settles on K gives the same topics as `.fixed(K)`. Silhouettes are computed on one sample of
    /// at most `silhouetteSampleSize` codes drawn from `SplitMix64(seed + 1)`, the same sample for every count.
    ///
    /// The automatic criterion: the count with the highest mean silhouette (ties: the smaller count), found
    /// coarse to fine to stay fast: first counts `stride` apart across the range (at most 9 of them, stride
    /// = ⌈range size / 8⌉, always including both ends), then every count within `stride − 1` of the best.
    static func cluster(_ codes: Matrix, configuration: TopicConfiguration) throws(TopicError) -> Clustering {
        let n = codes.rows
        guard n > 0 else { throw .noDocuments }
        switch configuration.count {
        case let .fixed(count):
            guard count >= 1 else { throw .invalidCount(configuration.count) }
            guard count <= n else { throw .tooFewDocuments(documents: n, topics: count) }
            let result = kMeans(codes, count: count, configuration: configuration)
            return Clustering(result: result, silhouette: silhouette(codes, result, configuration), scores: [])
        case let .automatic(range):
            guard range.lowerBound >= 2 else { throw .invalidCount(configuration.count) }
            guard range.lowerBound < n else { throw .tooFewDocuments(documents: n, topics: range.lowerBound) }
            let searched = range.lowerBound...min(range.upperBound, n - 1)
            var tried: [Int: Clustering] = [:]
            func best() -> Clustering {
                tried.values.max { ($0.silhouette, -$0.result.centroids.rows) < ($1.silhouette, -$1.result.centroids.rows) }!
            }
            func tryCounts(_ counts: [Int]) {
                for count in counts where tried[count] == nil {
                    let result = kMeans(codes, count: count, configuration: configuration)
                    tried[count] = Clustering(result: result, silhouette: silhouette(codes, result, configuration), scores: [])
                }
            }
            let stride = max(1, (searched.count + 7) / 8)
            tryCounts(Array(Swift.stride(from: searched.lowerBound, through: searched.upperBound, by: stride)) + [searched.upperBound])
            let coarseBest = best().result.centroids.rows
            tryCounts(Array(max(searched.lowerBound, coarseBest - stride + 1)...min(searched.upperBound, coarseBest + stride - 1)))
            let scores = tried.keys.sorted().map { TopicCountScore(count: $0, silhouette: tried[$0]!.silhouette) }
            let chosen = best()
            return Clustering(result: chosen.result, silhouette: chosen.silhouette, scores: scores)
        }
    }

    private static func kMeans(_ codes: Matrix, count: Int, configuration: TopicConfiguration) -> KMeansResult {
        var generator = SplitMix64(seed: configuration.seed)
        return KMeans(clusterCount: count, restarts: configuration.restarts,
                      maximumIterations: configuration.maximumIterations).fit(codes, using: &generator)
    }

    private static func silhouette(_ codes: Matrix, _ result: KMeansResult, _ configuration: TopicConfiguration) -> Double {
        var generator = SplitMix64(seed: configuration.seed &+ 1)
        return Silhouette.sampledMean(of: codes, assignments: result.assignments, clusterCount: result.centroids.rows,
                                      sampleSize: configuration.silhouetteSampleSize, using: &generator)
    }
}
