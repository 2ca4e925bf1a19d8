/// The sizes and seed the baselines are built with, matched to the model they are compared against.
public struct BaselineSettings: Sendable, Equatable {
    /// Dimensions of the `lsa` baseline: the model's code length. Default 10.
    public var codeDimension: Int
    /// Bits of the `lsh` and `lsa-bits` baselines: the model's hash length. Default 32.
    public var bitCount: Int
    /// Seed of the `lsh` hyperplanes. Default 1.
    public var seed: UInt64
    /// BM25 parameters. Default k1 1.2, b 0.75.
    public var bm25: BM25Parameters
    /// The term frequency of the TF-IDF vectors behind the tfidf, lsa, lsh and lsa-bits baselines. Default
    /// `.sublinear`: each baseline at its best.
    public var termFrequency: TermFrequencyScaling

    /// Dimensions of the `lsa128` baseline.
    public static let wideLSADimensions = 128

    public init(codeDimension: Int = 10, bitCount: Int = 32, seed: UInt64 = 1,
                bm25: BM25Parameters = BM25Parameters(), termFrequency: TermFrequencyScaling = .sublinear) {
        self.termFrequency = termFrequency
        self.codeDimension = codeDimension
        self.bitCount = bitCount
        self.seed = seed
        self.bm25 = bm25
    }
}
