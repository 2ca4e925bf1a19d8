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
    /// Every clustering of all codes, whatever its count, uses k-means from a fresh `SplitMix64(seed)`, so an
    /// automatic count that settles on K gives the same topics as `.fixed(K)`. Silhouettes are computed on a
    /// sample of at most `silhouetteSampleSize` codes drawn from `SplitMix64(seed + 1)`.
    ///
    /// The automatic criterion: the count with the highest mean silhouette (ties: the smaller count), found
    /// coarse to fine to stay fast: first counts `stride` apart across the range (at most 9 of them, stride
    /// = ⌈range size / 8⌉, always including both ends), then every count within `stride − 1` of the best.
    /// With more than `countSearchSampleSize` codes, the search clusters a uniform sample of that many codes, or
    /// of one more than the largest count searched when that is more (drawn from `SplitMix64(seed + 2)`), and
    /// only the chosen count is then fitted to all codes.
    static func cluster(_ codes: Matrix, configuration: TopicConfiguration) throws(TopicError) -> Clustering {
        let n = codes.rows
        guard n > 0 else { throw .noDocuments }
        guard configuration.count.isUsable else { throw .invalidCount(configuration.count) }
        switch configuration.count {
        case let .fixed(count):
            guard count <= n else { throw .tooFewDocuments(documents: n, topics: count) }
            return clustering(codes, count: count, configuration: configuration)
        case let .automatic(range):
            guard range.lowerBound < n else { throw .tooFewDocuments(documents: n, topics: range.lowerBound) }
            let searched = range.lowerBound...min(range.upperBound, n - 1)
            let sampleSize = max(configuration.countSearchSampleSize, searched.upperBound + 1)
            guard n > sampleSize else {
                let (best, scores) = search(codes, counts: searched, configuration: configuration)
                return Clustering(result: best.result, silhouette: best.silhouette, scores: scores)
            }
            var generator = SplitMix64(seed: configuration.seed &+ 2)
            let sample = rows(Silhouette.sampleIndices(count: sampleSize, from: n, using: &generator), of: codes)
            let (best, scores) = search(sample, counts: searched, configuration: configuration)
            let chosen = clustering(codes, count: best.result.centroids.rows, configuration: configuration)
            return Clustering(result: chosen.result, silhouette: chosen.silhouette, scores: scores)
        }
    }

    /// The coarse-to-fine search of `counts` on `codes`: the best clustering and the score of every count tried.
    private static func search(_ codes: Matrix, counts: ClosedRange<Int>,
                               configuration: TopicConfiguration) -> (best: Clustering, scores: [TopicCountScore]) {
        var tried: [Int: Clustering] = [:]
        func best() -> Clustering {
            tried.values.max { ($0.silhouette, -$0.result.centroids.rows) < ($1.silhouette, -$1.result.centroids.rows) }!
        }
        func tryCounts(_ candidates: [Int]) {
            for count in candidates where tried[count] == nil {
                tried[count] = clustering(codes, count: count, configuration: configuration)
            }
        }
        let stride = max(1, (counts.count + 7) / 8)
        tryCounts(Array(Swift.stride(from: counts.lowerBound, through: counts.upperBound, by: stride)) + [counts.upperBound])
        let coarseBest = best().result.centroids.rows
        tryCounts(Array(max(counts.lowerBound, coarseBest - stride + 1)...min(counts.upperBound, coarseBest + stride - 1)))
        let scores = tried.keys.sorted().map { TopicCountScore(count: $0, silhouette: tried[$0]!.silhouette) }
        return (best(), scores)
    }

    /// k-means with `count` clusters from `SplitMix64(seed)`, and its sampled mean silhouette.
    private static func clustering(_ codes: Matrix, count: Int, configuration: TopicConfiguration) -> Clustering {
        var generator = SplitMix64(seed: configuration.seed)
        let result = KMeans(clusterCount: count, restarts: configuration.restarts,
                            maximumIterations: configuration.maximumIterations).fit(codes, using: &generator)
        var sampler = SplitMix64(seed: configuration.seed &+ 1)
        let silhouette = Silhouette.sampledMean(of: codes, assignments: result.assignments, clusterCount: count,
                                                sampleSize: configuration.silhouetteSampleSize, using: &sampler)
        return Clustering(result: result, silhouette: silhouette, scores: [])
    }
}
