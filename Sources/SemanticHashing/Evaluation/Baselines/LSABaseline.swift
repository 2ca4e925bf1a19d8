/// The LSA baseline (Salakhutdinov & Hinton 2009, figure 6): TF-IDF vectors projected onto the top
/// `dimensions` right singular vectors of the database's TF-IDF matrix, ranked by cosine distance.
/// Run at the model's code dimension (10) and at 128.
public struct LSABaseline: ForwardingRetrievalMethod {
    public let dimensions: Int
    public let underlying: CosineCodes

    /// Projects with the first `dimensions` vectors of `analysis`, which must keep at least that many.
    public init(dimensions: Int, analysis: LatentSemanticAnalysis, tfidf: TFIDFMatrices) {
        self.dimensions = dimensions
        underlying = CosineCodes(name: "lsa-\(dimensions)",
                                 database: analysis.project(tfidf.database, dimensions: dimensions),
                                 queries: analysis.project(tfidf.queries, dimensions: dimensions))
    }

    /// Computes the TF-IDF vectors and the decomposition itself.
    public init(dimensions: Int, corpus: BaselineCorpus) throws(EvaluationError) {
        let tfidf = TFIDFMatrices(corpus: corpus)
        let analysis = try LatentSemanticAnalysis(documents: tfidf.database, dimensions: dimensions)
        self.init(dimensions: dimensions, analysis: analysis, tfidf: tfidf)
    }

    public var name: String { underlying.name }
}
