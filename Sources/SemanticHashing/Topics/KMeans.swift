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

/// The outcome of `KMeans.fit` or `KMeans.refine`.
public struct KMeansResult: Sendable, Equatable {
    /// `assignments[i]`: the cluster (0..<k) of point i.
    public var assignments: [Int]
    /// The cluster means, k × d; row j is the mean of the points assigned to cluster j.
    public var centroids: Matrix
    /// The sum over points of the squared Euclidean distance to their centroid (computed directly, in Double).
    public var inertia: Double
    /// The number of assignment passes, including the last one, which changed nothing when `converged`.
    public var iterations: Int
    /// True when the last pass changed no assignment; false when the iteration cap stopped the run.
    public var converged: Bool

    public init(assignments: [Int], centroids: Matrix, inertia: Double, iterations: Int, converged: Bool) {
        self.assignments = assignments
        self.centroids = centroids
        self.inertia = inertia
        self.iterations = iterations
        self.converged = converged
    }

    /// The number of points in each cluster.
    public var clusterSizes: [Int] {
        var sizes = [Int](repeating: 0, count: centroids.rows)
        for cluster in assignments { sizes[cluster] += 1 }
        return sizes
    }
}

extension KMeans {
    /// k-means++ seeding (Arthur & Vassilvitskii 2007): the first centre is a uniformly random point; each
    /// next centre is a point drawn with probability proportional to its squared distance to the nearest
    /// centre chosen so far (D² sampling). Returns `count` seeds as a count × d matrix of copied rows.
    ///
    /// When every point already coincides with a centre (total D² = 0, e.g. duplicates), the next centre is
    /// drawn uniformly; the duplicate centre then loses its points and is re-seeded by Lloyd's iterations.
    /// Complexity O(count · n · d).
    public static func plusPlusSeeds(_ points: Matrix, count: Int,
                                     using generator: inout some RandomNumberGenerator) -> Matrix {
        let n = points.rows, d = points.columns
        precondition(count >= 1 && count <= n, "cannot draw \(count) seeds from \(n) points")
        var seeds = Matrix(rows: count, columns: d)
        var nearest = [Double](repeating: .infinity, count: n)
        var chosen = Int.random(in: 0..<n, using: &generator)
        for seed in 0..<count {
            if seed > 0 { chosen = drawProportionally(to: nearest, using: &generator) }
            for c in 0..<d { seeds[seed, c] = points[chosen, c] }
            points.values.withUnsafeBufferPointer { x in
                let centre = Array(x[(chosen * d)..<((chosen + 1) * d)])
                for i in 0..<n {
                    var sum: Float = 0
                    for c in 0..<d {
                        let difference = x[i * d + c] - centre[c]
                        sum += difference * difference
                    }
                    nearest[i] = min(nearest[i], Double(sum))
                }
            }
        }
        return seeds
    }

    /// An index drawn with probability `weights[i] / Σ weights`, or uniformly when all weights are zero.
    private static func drawProportionally(to weights: [Double], using generator: inout some RandomNumberGenerator) -> Int {
        let total = weights.reduce(0, +)
        guard total > 0 else { return Int.random(in: 0..<weights.count, using: &generator) }
        let target = Double.random(in: 0..<total, using: &generator)
        var cumulative = 0.0
        var lastPositive = 0
        for (index, weight) in weights.enumerated() where weight > 0 {
            cumulative += weight
            lastPositive = index
            if cumulative > target { return index }
        }
        return lastPositive
    }
}
