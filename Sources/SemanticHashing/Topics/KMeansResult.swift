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
