#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The learned part of the `.scaledLogTFIDF` input transform: per-word inverse document frequencies and
/// the length `scale` every document's input vector is normalised to.
///
/// `idf_t = ln((1 + N) / (1 + df_t)) + 1` over the N training documents, `df_t` of which contain word t
/// (the smoothed idf of scikit-learn). Stored in the model, since encoding must weight words exactly as
/// training did.
public struct InputWeighting: Sendable, Equatable {
    /// One weight per vocabulary word.
    public let inverseDocumentFrequencies: [Float]
    /// The Euclidean length of every non-empty input row.
    public let scale: Float

    public init(inverseDocumentFrequencies: [Float], scale: Float) {
        precondition(scale > 0, "the input scale must be positive")
        self.inverseDocumentFrequencies = inverseDocumentFrequencies
        self.scale = scale
    }

    /// The smoothed idf of `bags` over `vocabularySize` words. Cost: one pass over the stored terms.
    public init(fittedTo bags: [BagOfWords], vocabularySize: Int, scale: Float) {
        var documentFrequencies = [Int](repeating: 0, count: vocabularySize)
        for bag in bags {
            for (term, count) in zip(bag.termIDs, bag.counts) where count > 0 { documentFrequencies[Int(term)] += 1 }
        }
        let documents = Double(bags.count)
        self.init(inverseDocumentFrequencies: documentFrequencies.map { Float(log((1 + documents) / (1 + Double($0))) + 1) },
                  scale: scale)
    }

    /// Rewrites each row of `counts` (batch × vocabulary) in place into `scale · v / ‖v‖₂` with
    /// `v_t = log(1 + count_t) · idf_t`; an all-zero row stays zero.
    public func transform(_ counts: inout Matrix) {
        precondition(counts.columns == inverseDocumentFrequencies.count, "one idf per vocabulary word")
        let columns = counts.columns
        counts.values.withUnsafeMutableBufferPointer { values in
            inverseDocumentFrequencies.withUnsafeBufferPointer { idf in
                for row in 0..<counts.rows {
                    let offset = row * columns
                    var squaredNorm: Float = 0
                    for column in 0..<columns where values[offset + column] != 0 {
                        let weighted = log1pf(values[offset + column]) * idf[column]
                        values[offset + column] = weighted
                        squaredNorm += weighted * weighted
                    }
                    guard squaredNorm > 0 else { continue }
                    let factor = scale / squaredNorm.squareRoot()
                    for column in 0..<columns { values[offset + column] *= factor }
                }
            }
        }
    }
}
