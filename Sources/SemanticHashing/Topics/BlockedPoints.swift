/// Points cut into row blocks once, with their squared norms, so that k-means can find every point's
/// nearest centroid with one BLAS product per block: ‖x − c‖² = ‖x‖² + ‖c‖² − 2 x·c.
///
/// A block of 4,096 rows against k centroids gives a k × 4,096 scratch product that stays in cache; the
/// blocks are copied once per `fit` (n × d floats) and reused by every restart and iteration.
struct BlockedPoints {
    static let blockRows = 4096

    let points: Matrix
    let blocks: [Matrix]
    /// ‖x_i‖² for every point.
    let squaredNorms: [Float]
    /// −2 c·x for a full block and for the last, shorter one (k × rows); kept between passes so that each
    /// pass does not allocate (and page in) fresh buffers.
    private var fullProducts = Matrix(rows: 0, columns: 0)
    private var lastProducts = Matrix(rows: 0, columns: 0)
    /// Per row of a block: the lowest ‖c‖² − 2 c·x so far and its centroid.
    private var best = [Float](repeating: 0, count: Self.blockRows)
    private var bestCluster = [Int32](repeating: 0, count: Self.blockRows)

    init(_ points: Matrix) {
        self.points = points
        var blocks: [Matrix] = []
        var start = 0
        while start < points.rows {
            let end = min(start + Self.blockRows, points.rows)
            blocks.append(points.rows(start..<end))
            start = end
        }
        self.blocks = blocks
        var norms = [Float](repeating: 0, count: points.rows)
        let d = points.columns
        points.values.withUnsafeBufferPointer { x in
            for i in 0..<points.rows {
                var sum: Float = 0
                for j in 0..<d { sum += x[i * d + j] * x[i * d + j] }
                norms[i] = sum
            }
        }
        self.squaredNorms = norms
    }

    var count: Int { points.rows }

    /// Writes each point's nearest centroid and squared distance to it (clamped at zero: the expansion can
    /// round slightly below) and returns how many assignments changed. On a tie a point keeps the centroid it
    /// has, else takes the lowest index: identical points spread over clusters by `reseedEmptyClusters` then
    /// stay where they are and the iterations end, instead of moving back and forth between equal means.
    ///
    /// The product is taken centroid-major (k × rows: row j holds −2 c_j·x for every point of the block) so
    /// that the scan for the minimum runs along contiguous memory, one centroid at a time, and vectorises.
    mutating func assignNearest(_ centroids: Matrix, assignments: inout [Int], squaredDistances: inout [Float]) -> Int {
        let k = centroids.rows
        var centroidNorms = [Float](repeating: 0, count: k)
        for j in 0..<k {
            var sum: Float = 0
            for c in 0..<centroids.columns { sum += centroids[j, c] * centroids[j, c] }
            centroidNorms[j] = sum
        }
        if fullProducts.rows != k {
            fullProducts = Matrix(rows: k, columns: Self.blockRows)
            lastProducts = Matrix(rows: k, columns: blocks.last.map { $0.rows } ?? 0)
        }
        var changed = 0
        for (blockIndex, block) in blocks.enumerated() {
            let rows = block.rows
            if rows == Self.blockRows {
                Matrix.multiply(centroids, block, into: &fullProducts, transposeB: .transposed, alpha: -2)
            } else {
                Matrix.multiply(centroids, block, into: &lastProducts, transposeB: .transposed, alpha: -2)
            }
            let products = rows == Self.blockRows ? fullProducts : lastProducts
            products.values.withUnsafeBufferPointer { g in
                best.withUnsafeMutableBufferPointer { best in
                    bestCluster.withUnsafeMutableBufferPointer { bestCluster in
                        for r in 0..<rows {
                            best[r] = centroidNorms[0] + g[r]
                            bestCluster[r] = 0
                        }
                        for j in 1..<k {
                            let norm = centroidNorms[j]
                            let cluster = Int32(j)
                            let row = g.baseAddress! + j * rows
                            for r in 0..<rows {
                                // Branch-free so that the compiler vectorises the scan.
                                let value = norm + row[r]
                                let closer = value < best[r]
                                best[r] = closer ? value : best[r]
                                bestCluster[r] = closer ? cluster : bestCluster[r]
                            }
                        }
                    }
                }
            }
            let offset = blockIndex * Self.blockRows
            for r in 0..<rows {
                let i = offset + r
                var cluster = Int(bestCluster[r])
                let current = assignments[i]
                if current >= 0 && current != cluster && centroidNorms[current] + products[current, r] == best[r] {
                    cluster = current
                }
                if assignments[i] != cluster {
                    assignments[i] = cluster
                    changed += 1
                }
                squaredDistances[i] = max(0, squaredNorms[i] + best[r])
            }
        }
        return changed
    }
}

extension KMeans {
    /// The nearest of `centroids` (k × d) for each row of `points` (n × d), by Euclidean distance, with
    /// the squared distance to it; ties go to the lower centroid index.
    ///
    /// The fast path of every k-means assignment step (blocked BLAS products); also assigns new codes to
    /// existing topics. Complexity O(n · k · d).
    public static func nearestCentroids(of points: Matrix, centroids: Matrix) -> (assignments: [Int], squaredDistances: [Float]) {
        precondition(points.columns == centroids.columns, "points and centroids differ in dimension")
        precondition(centroids.rows >= 1, "need at least one centroid")
        var blocked = BlockedPoints(points)
        var assignments = [Int](repeating: -1, count: points.rows)
        var distances = [Float](repeating: 0, count: points.rows)
        _ = blocked.assignNearest(centroids, assignments: &assignments, squaredDistances: &distances)
        return (assignments, distances)
    }
}
