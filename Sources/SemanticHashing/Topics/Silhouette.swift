/// The silhouette coefficient (Rousseeuw 1987), the criterion `TopicCount.automatic` chooses K by.
///
/// For point i in cluster A: a(i) = mean Euclidean distance to the other points of A, b(i) = the lowest
/// mean distance to the points of any other cluster, s(i) = (b − a) / max(a, b). s(i) = 0 when A has only
/// i (scikit-learn's convention) or when no other cluster has points. The score is the mean of s(i): near 1
/// for compact, well-separated clusters, near 0 for overlapping ones.
public enum Silhouette {
    /// The mean silhouette of all rows of `points` (n × d) under `assignments` (values in 0..<clusterCount).
    ///
    /// Distances come from one n × n BLAS Gram product (‖x‖² + ‖y‖² − 2 x·y, clamped at zero), so this is
    /// O(n² · d) time and O(n²) memory: meant for samples of a few thousand points (see `sampledMean`).
    public static func mean(of points: Matrix, assignments: [Int], clusterCount: Int) -> Double {
        let n = points.rows
        precondition(assignments.count == n, "one assignment per point")
        guard n > 0 else { return 0 }
        let gram = Matrix.product(points, points, transposeB: .transposed)
        var sizes = [Int](repeating: 0, count: clusterCount)
        for cluster in assignments { sizes[cluster] += 1 }
        var total = 0.0
        var sums = [Double](repeating: 0, count: clusterCount)
        gram.values.withUnsafeBufferPointer { g in
            for i in 0..<n {
                for j in 0..<clusterCount { sums[j] = 0 }
                for j in 0..<n where j != i {
                    let squared = g[i * n + i] + g[j * n + j] - 2 * g[i * n + j]
                    sums[assignments[j]] += Double(max(0, squared)).squareRoot()
                }
                total += coefficient(own: assignments[i], sums: sums, sizes: sizes)
            }
        }
        return total / Double(n)
    }

    /// The mean silhouette of a uniform sample (without replacement) of at most `sampleSize` rows, drawn
    /// from `generator`; all rows when there are no more than `sampleSize`. Assignments come from the
    /// clustering of all points, as in scikit-learn's `silhouette_score(sample_size:)`.
    public static func sampledMean(of points: Matrix, assignments: [Int], clusterCount: Int, sampleSize: Int,
                                   using generator: inout some RandomNumberGenerator) -> Double {
        precondition(sampleSize >= 1, "the silhouette sample needs at least one point")
        guard points.rows > sampleSize else {
            return mean(of: points, assignments: assignments, clusterCount: clusterCount)
        }
        let sample = sampleIndices(count: sampleSize, from: points.rows, using: &generator)
        let d = points.columns
        var values = [Float]()
        values.reserveCapacity(sample.count * d)
        for i in sample { values.append(contentsOf: points.values[(i * d)..<((i + 1) * d)]) }
        return mean(of: Matrix(rows: sample.count, columns: d, values: values),
                    assignments: sample.map { assignments[$0] }, clusterCount: clusterCount)
    }

    /// `count` distinct indices of 0..<n by a partial Fisher–Yates shuffle, in ascending order.
    static func sampleIndices(count: Int, from n: Int, using generator: inout some RandomNumberGenerator) -> [Int] {
        var indices = Array(0..<n)
        for i in 0..<count { indices.swapAt(i, Int.random(in: i..<n, using: &generator)) }
        return indices[0..<count].sorted()
    }

    /// s(i) from the sums of distances from i to each cluster (i itself excluded).
    private static func coefficient(own: Int, sums: [Double], sizes: [Int]) -> Double {
        guard sizes[own] > 1 else { return 0 }
        let a = sums[own] / Double(sizes[own] - 1)
        var b = Double.infinity
        for (cluster, size) in sizes.enumerated() where cluster != own && size > 0 {
            b = min(b, sums[cluster] / Double(size))
        }
        guard b.isFinite else { return 0 }
        let scale = max(a, b)
        return scale > 0 ? (b - a) / scale : 0
    }
}
