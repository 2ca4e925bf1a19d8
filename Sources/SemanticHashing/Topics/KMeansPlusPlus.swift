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
