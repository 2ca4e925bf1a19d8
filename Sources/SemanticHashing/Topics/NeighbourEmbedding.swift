import Foundation

/// t-distributed stochastic neighbour embedding with the Barnes–Hut approximation (van der Maaten & Hinton
/// 2008; van der Maaten 2014): places points in 2-D so that each point's near neighbours in the original
/// space stay its near neighbours, which is what a map of topics needs; PCA keeps the directions of largest
/// variance instead and lets topics that differ along the other eight directions of a 10-D code overlap.
///
/// As scikit-learn's `TSNE(method="barnes_hut")` with its defaults: input affinities from the
/// `3 · perplexity` nearest neighbours (exact, Euclidean), each point's Gaussian bandwidth found by
/// bisection to the perplexity, symmetrised P = (P_j|i + P_i|j) / 2n; Student-t output affinities;
/// initialisation by PCA scaled to a standard deviation of 10⁻⁴ on the first axis (deterministic and
/// keeping the global arrangement); early exaggeration 12 for 250 iterations with momentum 0.5, then
/// momentum 0.8; learning rate max(n / 12 / 4, 50); gains as delta-bar-delta (+0.2, ×0.8, at least 0.01);
/// θ = 0.5. Deterministic: no random numbers, one thread, sums in fixed order.
///
/// Cost: O(n² · d) for the exact neighbours, then O(n log n) per iteration.
public struct NeighbourEmbedding: Sendable, Equatable {
    /// The effective number of neighbours each point's bandwidth is fitted to. Default 30.
    public var perplexity: Double
    /// Gradient steps. Default 1,000.
    public var iterations: Int
    /// The Barnes–Hut accuracy: cells with width / distance below it act as one body. Default 0.5.
    public var theta: Double

    public init(perplexity: Double = 30, iterations: Int = 1000, theta: Double = 0.5) {
        precondition(perplexity >= 1 && iterations >= 1 && theta >= 0 && theta < 0.7,
                     "perplexity ≥ 1, iterations ≥ 1 and 0 ≤ θ < 0.7")
        self.perplexity = perplexity
        self.iterations = iterations
        self.theta = theta
    }

    static let exaggeration = 12.0
    static let exaggerationIterations = 250

    /// The 2-D positions (n × 2) of the rows of `points` (n × d, d ≥ 2).
    public func embed(_ points: Matrix) throws(MathError) -> Matrix {
        let n = points.rows
        guard n > 2 else { return try PrincipalComponents(of: points, count: 2).project(points) }
        let affinities = Affinities(points: points, perplexity: min(perplexity, Double(n - 1) / 3))
        let start = try PrincipalComponents(of: points, count: 2).project(points)
        var xs = (0..<n).map { Double(start[$0, 0]) }, ys = (0..<n).map { Double(start[$0, 1]) }
        let spread = Self.standardDeviation(xs)
        let scale = spread > 0 ? 1e-4 / spread : 1
        for i in 0..<n {
            xs[i] *= scale
            ys[i] *= scale
        }
        var updateX = [Double](repeating: 0, count: n), updateY = updateX
        var gainX = [Double](repeating: 1, count: n), gainY = gainX
        var gradientX = updateX, gradientY = updateX
        let learningRate = max(Double(n) / Self.exaggeration / 4, 50)
        for iteration in 0..<iterations {
            let early = iteration < Self.exaggerationIterations
            let exaggeration = early ? Self.exaggeration : 1, momentum = early ? 0.5 : 0.8
            let tree = BarnesHutTree(xs: xs, ys: ys)
            var normalisation = 0.0
            for i in 0..<n {
                let (z, fx, fy) = tree.repulsion(of: i, theta: theta)
                normalisation += z
                gradientX[i] = -fx
                gradientY[i] = -fy
            }
            for i in 0..<n {
                var attractionX = 0.0, attractionY = 0.0
                for entry in affinities.rowStarts[i]..<affinities.rowStarts[i + 1] {
                    let j = affinities.columns[entry]
                    let dx = xs[i] - xs[j], dy = ys[i] - ys[j]
                    let weight = affinities.values[entry] / (1 + dx * dx + dy * dy)
                    attractionX += weight * dx
                    attractionY += weight * dy
                }
                gradientX[i] = 4 * (exaggeration * attractionX + gradientX[i] / normalisation)
                gradientY[i] = 4 * (exaggeration * attractionY + gradientY[i] / normalisation)
            }
            Self.step(&xs, gradient: gradientX, update: &updateX, gains: &gainX, momentum: momentum, rate: learningRate)
            Self.step(&ys, gradient: gradientY, update: &updateY, gains: &gainY, momentum: momentum, rate: learningRate)
            let meanX = xs.reduce(0, +) / Double(n), meanY = ys.reduce(0, +) / Double(n)
            for i in 0..<n {
                xs[i] -= meanX
                ys[i] -= meanY
            }
        }
        var result = Matrix(rows: n, columns: 2)
        for i in 0..<n {
            result[i, 0] = Float(xs[i])
            result[i, 1] = Float(ys[i])
        }
        return result
    }

    /// One gradient step with momentum and per-coordinate gains (delta-bar-delta, as scikit-learn).
    private static func step(_ positions: inout [Double], gradient: [Double], update: inout [Double],
                             gains: inout [Double], momentum: Double, rate: Double) {
        for i in positions.indices {
            gains[i] = (gradient[i] > 0) != (update[i] > 0) ? gains[i] + 0.2 : max(0.01, gains[i] * 0.8)
            update[i] = momentum * update[i] - rate * gains[i] * gradient[i]
            positions[i] += update[i]
        }
    }

    private static func standardDeviation(_ values: [Double]) -> Double {
        let mean = values.reduce(0, +) / Double(values.count)
        return (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)).squareRoot()
    }

    /// The symmetric input affinities P as a sparse matrix in compressed rows (each row's columns ascending).
    struct Affinities {
        var rowStarts: [Int] = [0]
        var columns: [Int] = []
        var values: [Double] = []

        init(points: Matrix, perplexity: Double) {
            let n = points.rows
            let neighbours = Self.nearestNeighbours(points, count: min(n - 1, Int((3 * perplexity).rounded(.up))))
            // P_ij = (p_j|i + p_i|j) / 2n over the union of both neighbour lists.
            var rows: [[Int: Double]] = (0..<n).map { _ in [:] }
            for i in 0..<n {
                let probabilities = Self.calibrated(neighbours[i].map(\.squaredDistance), perplexity: perplexity)
                for (neighbour, probability) in zip(neighbours[i], probabilities) {
                    let share = probability / Double(2 * n)
                    rows[i][neighbour.index, default: 0] += share
                    rows[neighbour.index][i, default: 0] += share
                }
            }
            for row in rows {
                for j in row.keys.sorted() {
                    columns.append(j)
                    values.append(row[j]!)
                }
                rowStarts.append(columns.count)
            }
        }

        /// Each point's `count` nearest other points (ties: lower index), by brute force.
        static func nearestNeighbours(_ points: Matrix, count: Int) -> [[(index: Int, squaredDistance: Double)]] {
            let n = points.rows, d = points.columns
            return points.values.withUnsafeBufferPointer { x in
                (0..<n).map { i in
                    var best: [(index: Int, squaredDistance: Double)] = []
                    best.reserveCapacity(count + 1)
                    for j in 0..<n where j != i {
                        var sum: Float = 0
                        for c in 0..<d {
                            let difference = x[i * d + c] - x[j * d + c]
                            sum += difference * difference
                        }
                        let distance = Double(sum)
                        if best.count == count, distance >= best[count - 1].squaredDistance { continue }
                        var position = best.count
                        while position > 0 && best[position - 1].squaredDistance > distance { position -= 1 }
                        best.insert((j, distance), at: position)
                        if best.count > count { best.removeLast() }
                    }
                    return best
                }
            }
        }

        /// p_j|i ∝ exp(−β d_ij²) over the neighbours, with β bisected (100 steps at most) until the entropy
        /// is log(perplexity) within 10⁻⁵ nats.
        static func calibrated(_ squaredDistances: [Double], perplexity: Double) -> [Double] {
            guard !squaredDistances.isEmpty else { return [] }
            let target = log(perplexity), nearest = squaredDistances.min()!
            var beta = 1.0, low = 0.0, high = Double.infinity
            var probabilities = [Double](repeating: 0, count: squaredDistances.count)
            for _ in 0..<100 {
                var sum = 0.0
                for (index, distance) in squaredDistances.enumerated() {
                    probabilities[index] = exp(-(distance - nearest) * beta)
                    sum += probabilities[index]
                }
                var entropy = 0.0
                for index in probabilities.indices {
                    probabilities[index] /= sum
                    if probabilities[index] > 0 { entropy -= probabilities[index] * log(probabilities[index]) }
                }
                if abs(entropy - target) < 1e-5 { break }
                if entropy > target {
                    low = beta
                    beta = high.isFinite ? (beta + high) / 2 : beta * 2
                } else {
                    high = beta
                    beta = (beta + low) / 2
                }
            }
            return probabilities
        }
    }
}
