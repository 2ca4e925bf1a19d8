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
            database: ThresholdedCodes.make(Matrix.product(tfidf.database, normals), thresholds: zeros),
            queries: ThresholdedCodes.make(Matrix.product(tfidf.queries, normals), thresholds: zeros))
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
