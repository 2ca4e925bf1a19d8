extension KMeans {
    /// Lloyd's iterations: assign every point to its nearest centroid, re-seed empty clusters, move each
    /// centroid to the mean of its points; stop when a pass changes no assignment or after
    /// `maximumIterations` passes.
    func lloyd(_ blockedPoints: BlockedPoints, from initialCentroids: Matrix) -> KMeansResult {
        var points = blockedPoints  // shares the blocks; owns its scratch buffers
        var centroids = initialCentroids
        var assignments = [Int](repeating: -1, count: points.count)
        var squaredDistances = [Float](repeating: 0, count: points.count)
        var iterations = 0
        var converged = false
        while iterations < maximumIterations {
            var changed = points.assignNearest(centroids, assignments: &assignments, squaredDistances: &squaredDistances)
            changed += Self.reseedEmptyClusters(clusterCount: clusterCount, assignments: &assignments,
                                                squaredDistances: &squaredDistances)
            iterations += 1
            if changed == 0 {
                converged = true
                break
            }
            centroids = Self.means(of: points.points, assignments: assignments, clusterCount: clusterCount)
        }
        return KMeansResult(assignments: assignments, centroids: centroids,
                            inertia: Self.inertia(of: points.points, assignments: assignments, centroids: centroids),
                            iterations: iterations, converged: converged)
    }

    /// Gives each empty cluster, in ascending order, the point farthest from its current centroid among
    /// clusters that keep at least one other point (lowest index on ties), as scikit-learn does. This needs
    /// no randomness, so the result stays a function of the seeds. Returns the number of points moved.
    static func reseedEmptyClusters(clusterCount: Int, assignments: inout [Int], squaredDistances: inout [Float]) -> Int {
        var sizes = [Int](repeating: 0, count: clusterCount)
        for cluster in assignments { sizes[cluster] += 1 }
        var moved = 0
        for empty in 0..<clusterCount where sizes[empty] == 0 {
            var farthest = -1
            var farthestDistance = -Float.infinity
            for (i, cluster) in assignments.enumerated() where sizes[cluster] > 1 && squaredDistances[i] > farthestDistance {
                farthest = i
                farthestDistance = squaredDistances[i]
            }
            precondition(farthest >= 0, "more clusters than points")
            sizes[assignments[farthest]] -= 1
            sizes[empty] = 1
            assignments[farthest] = empty
            squaredDistances[farthest] = 0
            moved += 1
        }
        return moved
    }

    /// The mean of each cluster's points (k × d), accumulated in Double; every cluster must be non-empty.
    static func means(of points: Matrix, assignments: [Int], clusterCount: Int) -> Matrix {
        let d = points.columns
        var sums = [Double](repeating: 0, count: clusterCount * d)
        var sizes = [Int](repeating: 0, count: clusterCount)
        points.values.withUnsafeBufferPointer { x in
            sums.withUnsafeMutableBufferPointer { sums in
                sizes.withUnsafeMutableBufferPointer { sizes in
                    for (i, cluster) in assignments.enumerated() {
                        sizes[cluster] += 1
                        let source = x.baseAddress! + i &* d, target = sums.baseAddress! + cluster &* d
                        for c in 0..<d { target[c] += Double(source[c]) }
                    }
                }
            }
        }
        var centroids = Matrix(rows: clusterCount, columns: d)
        for j in 0..<clusterCount {
            precondition(sizes[j] > 0, "cluster \(j) is empty")
            for c in 0..<d { centroids[j, c] = Float(sums[j * d + c] / Double(sizes[j])) }
        }
        return centroids
    }

    /// Σ_i ‖x_i − c_{a_i}‖², computed from the differences (not the expansion) in Double.
    static func inertia(of points: Matrix, assignments: [Int], centroids: Matrix) -> Double {
        let d = points.columns
        var total = 0.0
        points.values.withUnsafeBufferPointer { x in
            centroids.values.withUnsafeBufferPointer { c in
                for (i, cluster) in assignments.enumerated() {
                    for j in 0..<d {
                        let difference = Double(x[i * d + j]) - Double(c[cluster * d + j])
                        total += difference * difference
                    }
                }
            }
        }
        return total
    }
}
