import Foundation

/// The parameters of Okapi BM25.
public struct BM25Parameters: Sendable, Equatable {
    /// Term-frequency saturation. Default 1.2.
    public var k1: Double
    /// Document-length normalisation, 0 (none) to 1 (full). Default 0.75.
    public var b: Double

    public init(k1: Double = 1.2, b: Double = 0.75) {
        precondition(k1 >= 0 && b >= 0 && b <= 1, "BM25 needs k1 ≥ 0 and b in [0, 1]")
        self.k1 = k1
        self.b = b
    }
}

/// Okapi BM25 ranking, an extra reference beside TF-IDF: the score of document d for query q is
/// Σₜ qtf(t) · idf(t) · tf(t,d)·(k1+1) / (tf(t,d) + k1·(1 − b + b·|d|/avgdl)), with query terms weighted by
/// their counts, |d| the document's in-vocabulary length, avgdl the mean database length and the
/// non-negative idf of Lucene, idf(t) = ln(1 + (n − df(t) + 0.5) / (df(t) + 0.5)), all from the database.
///
/// The score is linear in the query counts, so the document side is precomputed as one weight matrix and
/// queries are scored as sparse count vectors against it (`SparseQueryInnerProducts`); the distance is the
/// negated score.
public struct BM25Baseline: RetrievalMethod {
    public let parameters: BM25Parameters
    private let products: SparseQueryInnerProducts

    public init(corpus: BaselineCorpus, parameters: BM25Parameters = BM25Parameters()) {
        let n = Double(corpus.database.count)
        let idf = corpus.databaseDocumentFrequencies().map { df in log(1 + (n - Double(df) + 0.5) / (Double(df) + 0.5)) }
        let averageLength = corpus.database.isEmpty
            ? 0 : corpus.database.reduce(0.0) { $0 + Double($1.length) } / n
        var weights = Matrix(rows: corpus.database.count, columns: corpus.vocabularySize)
        for (row, document) in corpus.database.enumerated() {
            let lengthRatio = averageLength > 0 ? Double(document.length) / averageLength : 0
            let saturation = parameters.k1 * (1 - parameters.b + parameters.b * lengthRatio)
            for (term, count) in zip(document.termIDs, document.counts) where count > 0 {
                let tf = Double(count)
                weights[row, Int(term)] = Float(idf[Int(term)] * tf * (parameters.k1 + 1) / (tf + saturation))
            }
        }
        var counts = Matrix(rows: corpus.queries.count, columns: corpus.vocabularySize)
        for (row, query) in corpus.queries.enumerated() {
            for (term, count) in zip(query.termIDs, query.counts) { counts[row, Int(term)] = count }
        }
        self.parameters = parameters
        self.products = SparseQueryInnerProducts(database: weights, queries: counts)
    }

    public var name: String { "bm25" }
    public var metric: String { "bm25" }
    public var distanceKind: DistanceKind { .continuous }
    public var databaseCount: Int { products.databaseCount }
    public var queryCount: Int { products.queryCount }

    public func distances(forQueries queries: Range<Int>, into buffer: UnsafeMutableBufferPointer<Float>) {
        products.distances(forQueries: queries, offset: 0, scale: -1, into: buffer)
    }
}
