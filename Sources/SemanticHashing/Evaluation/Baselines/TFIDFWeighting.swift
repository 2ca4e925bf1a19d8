import Foundation

/// TF-IDF weights with scikit-learn's `TfidfTransformer` defaults: raw term count × smooth idf,
/// idf(t) = ln((1 + n) / (1 + df(t))) + 1 with n documents and df(t) of them containing t, each document
/// vector then scaled to unit Euclidean length. The idf comes from the database alone, as an index would
/// compute it before seeing any query.
public struct TFIDFWeighting: Sendable, Equatable {
    /// idf per term.
    public let inverseDocumentFrequencies: [Float]

    public init(corpus: BaselineCorpus) {
        let n = Double(corpus.database.count)
        inverseDocumentFrequencies = corpus.databaseDocumentFrequencies().map { df in
            Float(log((1 + n) / (1 + Double(df))) + 1)
        }
    }

    /// The weighted, unit-length vectors of `documents`, one dense row each (documents × vocabulary).
    /// A document with no term stays a zero row.
    public func matrix(_ documents: [BagOfWords]) -> Matrix {
        let terms = inverseDocumentFrequencies.count
        var result = Matrix(rows: documents.count, columns: terms)
        for (row, document) in documents.enumerated() {
            var squaredNorm = 0.0
            for (term, count) in zip(document.termIDs, document.counts) {
                let weight = Double(count) * Double(inverseDocumentFrequencies[Int(term)])
                squaredNorm += weight * weight
            }
            guard squaredNorm > 0 else { continue }
            let scale = 1 / squaredNorm.squareRoot()
            for (term, count) in zip(document.termIDs, document.counts) {
                result[row, Int(term)] = Float(Double(count) * Double(inverseDocumentFrequencies[Int(term)]) * scale)
            }
        }
        return result
    }
}
