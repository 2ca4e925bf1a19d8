/// Principal component analysis: the directions of largest variance of a set of points, from the
/// eigen-decomposition (LAPACK `dsyevd`, via `SymmetricEigen`) of their d × d covariance matrix.
///
/// Used to draw d-dimensional codes on a 2-D `TopicMap`. The covariance is accumulated in Double from the
/// centred points (O(n · d²)), which for d = 10 is cheaper and more accurate than a Float product.
public struct PrincipalComponents: Sendable, Equatable {
    /// The mean of the points (length d), subtracted before projecting.
    public let mean: [Double]
    /// The leading principal directions, unit vectors of length d in order of decreasing variance. Each is
    /// signed so that its largest-magnitude entry is positive, making the projection deterministic.
    public let components: [[Double]]
    /// The variance along each component (eigenvalues of the covariance with divisor n − 1).
    public let variances: [Double]
    /// The total variance (trace of the covariance), so `variances[i] / totalVariance` is the share explained.
    public let totalVariance: Double

    /// Fits the first `count` components of the rows of `data` (n × d, n ≥ 1, count ≤ d). A single point
    /// has zero variance in every direction.
    public init(of data: Matrix, count: Int) throws(MathError) {
        let n = data.rows, d = data.columns
        precondition(n >= 1, "principal components need at least one point")
        precondition(count >= 1 && count <= d, "cannot keep \(count) components of \(d) dimensions")
        var mean = [Double](repeating: 0, count: d)
        for i in 0..<n {
            for c in 0..<d { mean[c] += Double(data[i, c]) }
        }
        for c in 0..<d { mean[c] /= Double(n) }
        var covariance = [Double](repeating: 0, count: d * d)
        var centred = [Double](repeating: 0, count: d)
        data.values.withUnsafeBufferPointer { x in
            for i in 0..<n {
                for c in 0..<d { centred[c] = Double(x[i * d + c]) - mean[c] }
                for r in 0..<d {
                    for c in r..<d { covariance[r * d + c] += centred[r] * centred[c] }
                }
            }
        }
        for r in 0..<d {
            for c in r..<d {
                covariance[r * d + c] /= Double(max(1, n - 1))
                covariance[c * d + r] = covariance[r * d + c]
            }
        }
        let eigen = try SymmetricEigen(symmetric: covariance, dimension: d)
        self.mean = mean
        self.components = (0..<count).map { j in
            let vector = (0..<d).map { eigen.vectors[$0 * d + j] }
            let largest = vector.max { abs($0) < abs($1) } ?? 0
            return largest < 0 ? vector.map { -$0 } : vector
        }
        self.variances = Array(eigen.values.prefix(count))
        self.totalVariance = (0..<d).reduce(0) { $0 + covariance[$1 * d + $1] }
    }

    /// The coordinates of the rows of `data` (n × d) along the components: n × count.
    public func project(_ data: Matrix) -> Matrix {
        let d = mean.count
        precondition(data.columns == d, "expected \(d)-dimensional points")
        var result = Matrix(rows: data.rows, columns: components.count)
        for i in 0..<data.rows {
            for (j, component) in components.enumerated() {
                var sum = 0.0
                for c in 0..<d { sum += (Double(data[i, c]) - mean[c]) * component[c] }
                result[i, j] = Float(sum)
            }
        }
        return result
    }
}
