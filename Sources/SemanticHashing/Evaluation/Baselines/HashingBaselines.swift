import Foundation

/// Locality-sensitive hashing for cosine similarity (Charikar 2002): `bits` random hyperplanes through the
/// origin with standard Gaussian normals, each TF-IDF vector hashed to the signs of its projections
/// (bit set when positive), ranked by Hamming distance. The hyperplanes come from `SplitMix64(seed:)` through
/// the Box–Muller transform, so a seed fixes the baseline.
public struct LSHBaseline: ForwardingRetrievalMethod {
    public let bits: Int
    public let seed: UInt64
    /// Vocabulary × bits: column j is the normal of hyperplane j.
    public let hyperplanes: Matrix
    public let underlying: HammingCodes

    public init(bits: Int, seed: UInt64, tfidf: TFIDFMatrices) {
        precondition(bits >= 1, "a hash has at least one bit")
        var generator = SplitMix64(seed: seed)
        let normals = Matrix(rows: tfidf.database.columns, columns: bits,
                             values: Self.gaussians(count: tfidf.database.columns * bits, using: &generator))
        let zeros = [Float](repeating: 0, count: bits)
        self.bits = bits
        self.seed = seed
        self.hyperplanes = normals
        underlying = HammingCodes(
            name: "lsh-\(bits)",
            database: BinaryCodes(thresholding: Matrix.product(tfidf.database, normals), at: zeros),
            queries: BinaryCodes(thresholding: Matrix.product(tfidf.queries, normals), at: zeros))
    }

    public init(bits: Int, seed: UInt64, corpus: BaselineCorpus) {
        self.init(bits: bits, seed: seed, tfidf: TFIDFMatrices(corpus: corpus))
    }

    public var name: String { underlying.name }

    /// Standard normal samples by Box–Muller, two per pair of uniforms in (0, 1].
    private static func gaussians(count: Int, using generator: inout SplitMix64) -> [Float] {
        var samples = [Float]()
        samples.reserveCapacity(count + 1)
        while samples.count < count {
            let u1 = Double((generator.next() >> 11) + 1) * 0x1p-53
            let u2 = Double((generator.next() >> 11) + 1) * 0x1p-53
            let radius = (-2 * log(u1)).squareRoot()
            samples.append(Float(radius * cos(2 * Double.pi * u2)))
            samples.append(Float(radius * sin(2 * Double.pi * u2)))
        }
        return Array(samples.prefix(count))
    }
}

/// Binary LSA codes (the "binarized LSA" of Salakhutdinov & Hinton 2009, figure 7): the `bits`-dimensional
/// LSA coordinates of the TF-IDF vectors, each dimension thresholded at its median over the database
/// (bit set when above), so every bit splits the database in half; ranked by Hamming distance. Queries are
/// thresholded at the database's medians. The median of an even count is the mean of the two middle values.
public struct LSAThresholdBaseline: ForwardingRetrievalMethod {
    public let bits: Int
    /// The median of each LSA dimension over the database.
    public let medians: [Float]
    public let underlying: HammingCodes

    /// Thresholds the first `bits` dimensions of `analysis`, which must keep at least that many.
    public init(bits: Int, analysis: LatentSemanticAnalysis, tfidf: TFIDFMatrices) {
        let database = analysis.project(tfidf.database, dimensions: bits)
        let medians = (0..<bits).map { dimension in
            Self.median((0..<database.rows).map { database[$0, dimension] })
        }
        self.bits = bits
        self.medians = medians
        underlying = HammingCodes(
            name: "lsa-bits-\(bits)",
            database: BinaryCodes(thresholding: database, at: medians),
            queries: BinaryCodes(thresholding: analysis.project(tfidf.queries, dimensions: bits), at: medians))
    }

    /// Computes the TF-IDF vectors and the decomposition itself.
    public init(bits: Int, corpus: BaselineCorpus) throws(EvaluationError) {
        let tfidf = TFIDFMatrices(corpus: corpus)
        let analysis = try LatentSemanticAnalysis(documents: tfidf.database, dimensions: bits)
        self.init(bits: bits, analysis: analysis, tfidf: tfidf)
    }

    public var name: String { underlying.name }

    private static func median(_ values: [Float]) -> Float {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}

