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
            database: ThresholdedCodes.make(database, thresholds: medians),
            queries: ThresholdedCodes.make(analysis.project(tfidf.queries, dimensions: bits), thresholds: medians))
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
