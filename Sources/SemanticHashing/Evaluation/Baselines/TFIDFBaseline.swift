/// The exact TF-IDF cosine baseline (Salakhutdinov & Hinton 2009, figure 6): documents as unit-length TF-IDF
/// vectors (`TFIDFWeighting`), ranked by cosine distance 1 − q·d over the full vocabulary.
///
/// Queries are sparse, so distances come from `SparseQueryInnerProducts` rather than a dense product; the
/// result equals `CosineCodes` over the same matrices.
public struct TFIDFBaseline: RetrievalMethod {
    private let products: SparseQueryInnerProducts

    public init(tfidf: TFIDFMatrices) {
        products = SparseQueryInnerProducts(database: tfidf.database, queries: tfidf.queries)
    }

    public init(corpus: BaselineCorpus) { self.init(tfidf: TFIDFMatrices(corpus: corpus)) }

    public var name: String { "tfidf" }
    public var metric: String { "cosine" }
    public var distanceKind: DistanceKind { .continuous }
    public var databaseCount: Int { products.databaseCount }
    public var queryCount: Int { products.queryCount }

    public func distances(forQueries queries: Range<Int>, into buffer: UnsafeMutableBufferPointer<Float>) {
        products.distances(forQueries: queries, offset: 1, scale: -1, into: buffer)
    }
}
