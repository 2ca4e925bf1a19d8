/// k-means clustering: Lloyd's iterations (Lloyd 1982) from k-means++ seeds (Arthur & Vassilvitskii 2007),
/// restarted several times, keeping the restart with the lowest inertia.
///
/// Used to find topics among document codes (n × d, d = 10 for semhash). The assignment step computes all
/// point–centroid squared distances as ‖x‖² + ‖c‖² − 2 x·c with one BLAS product per block of points
/// (`BlockedPoints`), so a pass over 1,000,000 ten-number codes costs one n × d × k product plus an n × k
/// scan. All randomness comes from the injected generator: the same generator state gives the same result.
public struct KMeans: Sendable, Equatable {
    /// The number of clusters k (at least 1, at most the number of points).
    public var clusterCount: Int
    /// Independent seedings followed by Lloyd's iterations; the lowest-inertia run wins. Default 10.
    public var restarts: Int
    /// The cap on assignment passes per restart. Default 300 (as scikit-learn).
    public var maximumIterations: Int

    public init(clusterCount: Int, restarts: Int = 10, maximumIterations: Int = 300) {
        precondition(clusterCount >= 1, "k-means needs at least one cluster")
        precondition(restarts >= 1, "k-means needs at least one restart")
        precondition(maximumIterations >= 1, "k-means needs at least one iteration")
        self.clusterCount = clusterCount
        self.restarts = restarts
        self.maximumIterations = maximumIterations
    }

    /// Clusters the rows of `points` (n × d, n ≥ k).
    ///
    /// Each restart draws k-means++ seeds from `generator` and runs Lloyd's iterations until no assignment
    /// changes or `maximumIterations` passes; restarts run one after another from the same generator. Ties
    /// in inertia keep the earlier restart. Complexity: O(restarts · (iterations + k) · n · k · d).
    public func fit(_ points: Matrix, using generator: inout some RandomNumberGenerator) -> KMeansResult {
        precondition(points.rows >= clusterCount, "k-means needs at least \(clusterCount) points, got \(points.rows)")
        let blocked = BlockedPoints(points)
        var best: KMeansResult?
        for _ in 0..<restarts {
            let seeds = Self.plusPlusSeeds(points, count: clusterCount, using: &generator)
            let result = lloyd(blocked, from: seeds)
            if best == nil || result.inertia < best!.inertia { best = result }
        }
        return best!
    }

    /// Runs Lloyd's iterations on the rows of `points` from the given initial centroids (k × d), without
    /// seeding or restarts: the deterministic core of `fit`, also useful to refine an existing clustering.
    public func refine(_ points: Matrix, from initialCentroids: Matrix) -> KMeansResult {
        precondition(initialCentroids.rows == clusterCount, "expected \(clusterCount) initial centroids")
        precondition(initialCentroids.columns == points.columns, "centroids and points differ in dimension")
        precondition(points.rows >= clusterCount, "k-means needs at least \(clusterCount) points, got \(points.rows)")
        return lloyd(BlockedPoints(points), from: initialCentroids)
    }
}
