/// A teacher for the hash units, as in Self-Taught Hashing (STH; Zhang, Wang, Cai & Lu, SIGIR 2010): the
/// training documents' spectral bits (see `SpectralBits`) are targets that each logistic code unit is trained to
/// predict, by a cross-entropy term weighted by `weight` added to the reconstruction objective of the
/// fine-tuning runs with logistic code units (the hash head's, or the logistic code's). STH trains its hash
/// functions to predict these bits; here they steer the hash units while reconstruction keeps the words' sense.
///
/// Off by default (`FineTuningSettings.spectralTeacher` nil). On the 20 Newsgroups validation split (BENCHMARKS.md),
/// weight 0.5 lifted a 32-bit hash's Hamming P@100 from 0.449 to 0.465 (seed 2: 0.443 to 0.457) and P@10 by
/// 0.02 to 0.03, but lowered P@1000 and MAP by about 0.02; at 64 bits P@100 moved by +0.002 and +0.003 only
/// (two seeds) while MAP fell by 0.035.
public struct SpectralTeacher: Codable, Sendable, Equatable {
    /// λ: the weight of the teacher's term, the mean over a document's bits of the cross-entropy between each
    /// unit's output and its bit (nats per document, like the reconstruction term). Positive.
    public var weight: Float
    /// k of the nearest-neighbour graph whose spectrum gives the bits (`DocumentNeighbours`).
    public var neighbours: Int

    public init(weight: Float, neighbours: Int = 20) {
        self.weight = weight
        self.neighbours = neighbours
    }
}

/// Each training document's spectral bits: the bottom non-trivial eigenvectors of the normalised Laplacian of
/// the documents' k-nearest-neighbour graph, each cut at its median (Self-Taught Hashing's binary codes).
///
/// The graph is `DocumentNeighbours` symmetrised by W = max(A, Aᵀ) with unit weights: two documents are joined
/// when either is among the other's k nearest (as STH's graph): every document keeps at least its own k edges,
/// whereas the min (mutual neighbours only) can leave a document with few or none and split the graph. Unit
/// weights, because the graph holds ranks, not similarities: k is the scale of a neighbourhood, and a
/// document's edges count alike whatever the lengths that set its cosines. The eigenvector of the smallest
/// eigenvalue (the trivial one, D^½·1 on a connected graph) is dropped; the next `bitCount` become bits. Each
/// is cut at its median: the half of the documents with the largest entries (ties to the lower document index)
/// get 1, so every bit is balanced.
public struct SpectralBits: Sendable {
    /// Documents × bitCount, each entry 0 or 1.
    public let bits: Matrix
    /// The Laplacian eigenvalues behind the bits, ascending (the trivial one not included).
    public let eigenvalues: [Double]
    /// Subspace iterations the eigensolver ran.
    public let iterations: Int

    /// The bits of the documents of `graph`, `bitCount` per document; `seed` starts the eigensolver's block.
    public init(graph: DocumentNeighbours, bitCount: Int, seed: UInt64, threads: Int) throws(MathError) {
        let documents = graph.counts.count
        precondition(bitCount > 0 && bitCount < documents, "fewer bits than documents")
        var edges: [(Int, Int, Double)] = []
        edges.reserveCapacity(graph.indices.count)
        for document in 0..<documents {
            for neighbour in graph.neighbours(of: document) { edges.append((document, Int(neighbour), 1)) }
        }
        let spectrum = try LaplacianEigenvectors(of: UndirectedGraph(vertexCount: documents, edges: edges),
                                                 count: bitCount + 1, seed: seed, tolerance: 1e-3, threads: threads)
        var bits = Matrix(rows: documents, columns: bitCount)
        for bit in 0..<bitCount {
            for (document, value) in Self.medianCut(spectrum.vector(bit + 1)).enumerated() { bits[document, bit] = value }
        }
        self.bits = bits
        eigenvalues = Array(spectrum.values.dropFirst())
        iterations = spectrum.iterations
    }

    /// 1 for the ⌊n/2⌋ largest of `values` (ties to the lower index), 0 for the others.
    public static func medianCut(_ values: some Collection<Double>) -> [Float] {
        let values = Array(values)
        let order = values.indices.sorted { values[$0] > values[$1] || (values[$0] == values[$1] && $0 < $1) }
        var bits = [Float](repeating: 0, count: values.count)
        for index in order.prefix(values.count / 2) { bits[index] = 1 }
        return bits
    }
}

/// Target bits for a batch's logistic code units and the weight of their cross-entropy in the fine-tuning loss
/// (see `SpectralTeacher`).
public struct CodeBitTargets: Sendable {
    /// Batch × code units, each 0 or 1.
    public var bits: Matrix
    /// λ of the term λ · mean over units of −[t log h + (1 − t) log(1 − h)], per document.
    public var weight: Float

    public init(bits: Matrix, weight: Float) {
        self.bits = bits
        self.weight = weight
    }
}
