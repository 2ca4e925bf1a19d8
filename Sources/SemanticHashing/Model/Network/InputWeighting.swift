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

    /// Rewrites each row of `counts` (batch × vocabulary, sparse) in place into `scale · v / ‖v‖₂` with
    /// `v_t = log(1 + count_t) · idf_t`; a row without nonzero entries stays zero.
    public func transform(_ counts: inout SparseRows) {
        precondition(counts.columns == inverseDocumentFrequencies.count, "one idf per vocabulary word")
        let starts = counts.rowStarts, columns = counts.columnIndices
        counts.values.withUnsafeMutableBufferPointer { values in
            inverseDocumentFrequencies.withUnsafeBufferPointer { idf in
                for row in 0..<(starts.count - 1) {
                    let entries = starts[row]..<starts[row + 1]
                    var squaredNorm: Float = 0
                    for entry in entries {
                        let weighted = log1pf(values[entry]) * idf[Int(columns[entry])]
                        values[entry] = weighted
                        squaredNorm += weighted * weighted
                    }
                    guard squaredNorm > 0 else { continue }
                    let factor = scale / squaredNorm.squareRoot()
                    for entry in entries { values[entry] *= factor }
                }
            }
        }
    }
}
