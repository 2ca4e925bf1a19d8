import Foundation
import SemanticHashing

/// The nearest centroid of each point by direct Double differences (lowest index on ties), with the squared
/// distance: the reference for `KMeans.nearestCentroids`.
public func naiveNearestCentroids(_ points: Matrix, _ centroids: Matrix) -> (assignments: [Int], squaredDistances: [Double]) {
    var assignments: [Int] = [], distances: [Double] = []
    for i in 0..<points.rows {
        var best = Double.infinity, bestCluster = 0
        for j in 0..<centroids.rows {
            let distance = naiveSquaredDistance(points.row(i), centroids.row(j))
            if distance < best { (best, bestCluster) = (distance, j) }
        }
        assignments.append(bestCluster)
        distances.append(best)
    }
    return (assignments, distances)
}

/// The squared Euclidean distance in Double.
public func naiveSquaredDistance(_ x: [Float], _ y: [Float]) -> Double {
    zip(x, y).reduce(0.0) { sum, pair in
        let difference = Double(pair.0) - Double(pair.1)
        return sum + difference * difference
    }
}

/// The mean silhouette straight from the definition (Rousseeuw 1987), distances in Double: the reference
/// for `Silhouette.mean`. A point alone in its cluster scores 0.
public func naiveSilhouette(_ points: Matrix, _ assignments: [Int]) -> Double {
    let n = points.rows
    var total = 0.0
    for i in 0..<n {
        var sums: [Int: Double] = [:], sizes: [Int: Int] = [:]
        for j in 0..<n where j != i {
            sums[assignments[j], default: 0] += naiveSquaredDistance(points.row(i), points.row(j)).squareRoot()
            sizes[assignments[j], default: 0] += 1
        }
        guard let ownSize = sizes[assignments[i]] else { continue }
        let a = sums[assignments[i]]! / Double(ownSize)
        let b = sums.keys.filter { $0 != assignments[i] }.map { sums[$0]! / Double(sizes[$0]!) }.min()
        guard let b else { continue }
        total += (b - a) / max(a, b)
    }
    return total / Double(n)
}

/// Isotropic Gaussian blobs: `sizes[j]` points around `centres` row j with standard deviation `spread`
/// (Box–Muller). Returns the points (blob by blob) and each point's blob.
public func gaussianBlobs(centres: Matrix, sizes: [Int], spread: Float,
                          generator: inout SeededGenerator) -> (points: Matrix, blobs: [Int]) {
    var values: [Float] = [], blobs: [Int] = []
    for (blob, size) in sizes.enumerated() {
        for _ in 0..<size {
            for c in 0..<centres.columns {
                values.append(centres[blob, c] + spread * standardNormal(&generator))
            }
            blobs.append(blob)
        }
    }
    return (Matrix(rows: blobs.count, columns: centres.columns, values: values), blobs)
}

/// A standard normal draw (Box–Muller).
public func standardNormal(_ generator: inout SeededGenerator) -> Float {
    let u = Double.random(in: Double.ulpOfOne..<1, using: &generator)
    let v = Double.random(in: 0..<1, using: &generator)
    return Float((-2 * log(u)).squareRoot() * cos(2 * Double.pi * v))
}
