import CBLAS

/// An undirected graph with positive edge weights, stored as compressed rows: each edge appears in the rows of
/// both its ends, so that the adjacency matrix W is symmetric by construction.
public struct UndirectedGraph: Sendable, Equatable {
    public let vertexCount: Int
    /// Row `v` is `neighbours[rowStarts[v] ..< rowStarts[v + 1]]`, in increasing vertex order.
    public let rowStarts: [Int]
    public let neighbours: [Int32]
    /// The weight of each entry of `neighbours`.
    public let weights: [Double]

    /// The graph on `vertexCount` vertices with the given edges `(u, v, weight)`, u ≠ v, weight > 0. An edge
    /// given more than once, in either orientation, keeps its largest weight: symmetrising a directed
    /// k-nearest-neighbour graph by W = max(A, Aᵀ) is passing both its arcs.
    public init(vertexCount: Int, edges: [(Int, Int, Double)]) {
        var ordered = edges.map { edge -> (Int, Int, Double) in
            precondition(edge.0 != edge.1 && edge.2 > 0, "edges join two different vertices with a positive weight")
            precondition((0..<vertexCount).contains(edge.0) && (0..<vertexCount).contains(edge.1), "vertex out of range")
            return (min(edge.0, edge.1), max(edge.0, edge.1), edge.2)
        }
        ordered.sort { ($0.0, $0.1, -$0.2) < ($1.0, $1.1, -$1.2) }
        var unique: [(Int, Int, Double)] = []
        unique.reserveCapacity(ordered.count)
        for edge in ordered where unique.last.map({ $0.0 != edge.0 || $0.1 != edge.1 }) ?? true { unique.append(edge) }
        var starts = [Int](repeating: 0, count: vertexCount + 1)
        for (u, v, _) in unique {
            starts[u + 1] += 1
            starts[v + 1] += 1
        }
        for vertex in 0..<vertexCount { starts[vertex + 1] += starts[vertex] }
        var filled = starts
        var neighbours = [Int32](repeating: 0, count: starts[vertexCount])
        var weights = [Double](repeating: 0, count: starts[vertexCount])
        // Each edge goes to both its rows; the rows are put in vertex order afterwards.
        for (u, v, weight) in unique {
            neighbours[filled[u]] = Int32(v)
            weights[filled[u]] = weight
            filled[u] += 1
            neighbours[filled[v]] = Int32(u)
            weights[filled[v]] = weight
            filled[v] += 1
        }
        for vertex in 0..<vertexCount {
            let row = starts[vertex]..<starts[vertex + 1]
            let sorted = zip(neighbours[row], weights[row]).sorted { $0.0 < $1.0 }
            for (offset, entry) in sorted.enumerated() {
                neighbours[row.lowerBound + offset] = entry.0
                weights[row.lowerBound + offset] = entry.1
            }
        }
        self.vertexCount = vertexCount
        rowStarts = starts
        self.neighbours = neighbours
        self.weights = weights
    }

    /// Each vertex's degree: the sum of its edges' weights.
    public var degrees: [Double] {
        (0..<vertexCount).map { vertex in weights[rowStarts[vertex]..<rowStarts[vertex + 1]].reduce(0, +) }
    }
}

/// The eigenvectors of the smallest eigenvalues of a graph's normalised Laplacian L = I − D^-½ W D^-½, the
/// spectral embedding of Self-Taught Hashing (Zhang et al., SIGIR 2010) and of spectral clustering.
///
/// A dense eigensolve of the n × n Laplacian costs n³ (minutes for the ~11,000 training documents of 20
/// Newsgroups), so the bottom eigenvectors are found by block subspace (orthogonal) iteration on the sparse
/// matrix M = (I + D^-½ W D^-½) / 2 = I − L/2: its eigenvalues lie in [0, 1] (the normalised adjacency's lie
/// in [−1, 1]), and its largest are the Laplacian's smallest. A block of `count` plus as many again (at least 8)
/// orthonormal columns, from Gaussian columns drawn from `seed`, is multiplied by M twice and
/// orthonormalised by LAPACK QR (`dgeqrf`, `dorgqr`) per iteration; each iteration's Rayleigh–Ritz step
/// (`SymmetricEigen` of the block's projection of M) gives the Ritz pairs, and the iteration stops when every
/// wanted pair's residual ‖Mv − θv‖ is within `tolerance`, or after `maximumIterations`. The extra columns
/// speed convergence (the error of pair j shrinks by θ_{block+1}/θ_j per multiplication) and keep a cluster of
/// close eigenvalues at the end of the wanted range in the block.
///
/// A vertex without edges (degree 0) has D^-½ taken as 0: its row of L is the identity's, eigenvalue 1, so such
/// vertices do not claim eigenvectors of their own at the bottom of the spectrum.
/// Deterministic for a seed: the same graph, seed and BLAS thread count give the same vectors.
public struct LaplacianEigenvectors: Sendable {
    /// The `count` smallest eigenvalues of L, ascending (in [0, 2]).
    public let values: [Double]
    /// Their eigenvectors, unit length, column-major: vector j is `vectors[j * vertexCount ..< (j + 1) * vertexCount]`.
    public let vectors: [Double]
    public let vertexCount: Int
    /// Iterations run (each: two products with M, a QR, a Rayleigh–Ritz step).
    public let iterations: Int
    /// The largest residual ‖Lv − λv‖ of the returned pairs.
    public let largestResidual: Double

    /// The `count` bottom eigenpairs of `graph`'s normalised Laplacian (count ≤ vertexCount), on `threads`
    /// threads for the sparse products.
    public init(of graph: UndirectedGraph, count: Int, seed: UInt64, tolerance: Double = 1e-4,
                maximumIterations: Int = 500, threads: Int = 1) throws(MathError) {
        let n = graph.vertexCount
        precondition(count > 0 && count <= n, "between 1 and \(n) eigenvectors")
        let width = min(n, count + max(count, 8))
        let shifted = HalfShiftedAdjacency(graph)
        var random = RandomSource(seed: seed)
        var start = [Float](repeating: 0, count: n * width)
        start.withUnsafeMutableBufferPointer { random.fillGaussian($0) }
        var basis = try Self.orthonormalised(start.map(Double.init), rows: n, columns: width)
        var iteration = 0
        while true {
            iteration += 1
            let image = shifted.apply(to: basis, columns: width, threads: threads)
            // Rayleigh–Ritz: the projection H = Xᵀ M X, symmetrised against rounding.
            var projection = Self.product(basis, transposing: true, image, rows: n, inner: width, columns: width)
            for i in 0..<width {
                for j in 0..<i {
                    let mean = (projection[i * width + j] + projection[j * width + i]) / 2
                    projection[i * width + j] = mean
                    projection[j * width + i] = mean
                }
            }
            let eigen = try SymmetricEigen(symmetric: projection, dimension: width)
            var wanted = [Double](repeating: 0, count: width * count)  // column-major width × count
            for j in 0..<count { for i in 0..<width { wanted[j * width + i] = eigen.vectors[i * width + j] } }
            let ritzVectors = Self.product(basis, transposing: false, wanted, rows: n, inner: width, columns: count)
            let ritzImages = Self.product(image, transposing: false, wanted, rows: n, inner: width, columns: count)
            var largest = 0.0
            for j in 0..<count {
                var squared = 0.0
                for i in 0..<n {
                    let difference = ritzImages[j * n + i] - eigen.values[j] * ritzVectors[j * n + i]
                    squared += difference * difference
                }
                largest = max(largest, squared.squareRoot())
            }
            // M = I − L/2: Laplacian eigenvalue 2(1 − θ), residual twice M's.
            if 2 * largest <= tolerance || iteration >= maximumIterations || width == n {
                values = (0..<count).map { max(0, 2 * (1 - eigen.values[$0])) }
                vectors = ritzVectors
                vertexCount = n
                iterations = iteration
                largestResidual = 2 * largest
                return
            }
            basis = try Self.orthonormalised(shifted.apply(to: image, columns: width, threads: threads),
                                             rows: n, columns: width)
        }
    }

    /// Eigenvector `index` (0: the smallest eigenvalue's).
    public func vector(_ index: Int) -> ArraySlice<Double> {
        vectors[index * vertexCount..<(index + 1) * vertexCount]
    }

    /// The orthonormal factor Q of the column-major rows × columns matrix (rows ≥ columns), by `dgeqrf` and `dorgqr`.
    static func orthonormalised(_ matrix: [Double], rows: Int, columns: Int) throws(MathError) -> [Double] {
        var a = matrix
        var m = Int32(rows), n = Int32(columns), k = Int32(columns), lda = Int32(max(1, rows)), info: Int32 = 0
        var tau = [Double](repeating: 0, count: columns)
        var query = 0.0
        var lwork: Int32 = -1
        dgeqrf_(&m, &n, &a, &lda, &tau, &query, &lwork, &info)
        guard info == 0 else { throw .lapack(routine: "dgeqrf", info: Int(info)) }
        var orthogonalQuery = 0.0
        dorgqr_(&m, &n, &k, &a, &lda, &tau, &orthogonalQuery, &lwork, &info)
        guard info == 0 else { throw .lapack(routine: "dorgqr", info: Int(info)) }
        lwork = Int32(max(query, orthogonalQuery, 1))
        var work = [Double](repeating: 0, count: Int(lwork))
        dgeqrf_(&m, &n, &a, &lda, &tau, &work, &lwork, &info)
        guard info == 0 else { throw .lapack(routine: "dgeqrf", info: Int(info)) }
        dorgqr_(&m, &n, &k, &a, &lda, &tau, &work, &lwork, &info)
        guard info == 0 else { throw .lapack(routine: "dorgqr", info: Int(info)) }
        return a
    }

    /// A product of column-major matrices by `cblas_dgemm`: `Aᵀ · B` (inner × columns) when `transposing`, with A
    /// rows × inner and B rows × columns; else `A · B` (rows × columns), with A rows × inner and B inner × columns.
    private static func product(_ a: [Double], transposing: Bool, _ b: [Double], rows: Int, inner: Int,
                                columns: Int) -> [Double] {
        if transposing {
            // Aᵀ (inner × rows) · B (rows × columns) = inner × columns.
            var c = [Double](repeating: 0, count: inner * columns)
            cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, Int32(inner), Int32(columns), Int32(rows), 1,
                        a, Int32(rows), b, Int32(rows), 0, &c, Int32(inner))
            return c
        }
        // A (rows × inner) · B (inner × columns) = rows × columns.
        var c = [Double](repeating: 0, count: rows * columns)
        cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, Int32(rows), Int32(columns), Int32(inner), 1,
                    a, Int32(rows), b, Int32(inner), 0, &c, Int32(rows))
        return c
    }
}

/// M = (I + D^-½ W D^-½) / 2 of a graph, applied to blocks of column-major vectors.
private struct HalfShiftedAdjacency {
    let graph: UndirectedGraph
    /// D^-½ per vertex, 0 for a vertex without edges.
    let inverseRootDegrees: [Double]

    init(_ graph: UndirectedGraph) {
        self.graph = graph
        inverseRootDegrees = graph.degrees.map { $0 > 0 ? 1 / $0.squareRoot() : 0 }
    }

    /// M · X for the column-major n × columns block X; columns spread over `threads` threads (each column's
    /// sums in a fixed order, so the result does not depend on the thread count).
    func apply(to block: [Double], columns: Int, threads: Int) -> [Double] {
        let n = graph.vertexCount
        let (starts, neighbours, weights, scales) = (graph.rowStarts, graph.neighbours, graph.weights, inverseRootDegrees)
        let results = ParallelWork.map(count: columns, chunkSize: 1, threads: threads) { range -> [Double] in
            var output = [Double](repeating: 0, count: range.count * n)
            block.withUnsafeBufferPointer { x in
                for (slot, column) in range.enumerated() {
                    let input = x.baseAddress! + column * n
                    for vertex in 0..<n {
                        var sum = 0.0
                        for entry in starts[vertex]..<starts[vertex + 1] {
                            let other = Int(neighbours[entry])
                            sum += weights[entry] * scales[other] * input[other]
                        }
                        output[slot * n + vertex] = 0.5 * (input[vertex] + scales[vertex] * sum)
                    }
                }
            }
            return output
        }
        return results.flatMap { $0 }
    }
}
