/// Latent semantic analysis (Deerwester et al. 1990): the truncated SVD X ≈ U_k Σ_k V_kᵀ of a documents ×
/// terms matrix X (here the database's TF-IDF vectors, uncentred, as in the semantic-hashing papers' LSA
/// baseline), keeping the right singular vectors V_k that documents and queries are projected onto.
///
/// Computed from the terms × terms Gram matrix XᵀX = V Σ² Vᵀ: one sgemm (n·V² multiply-adds) and one
/// `dsyevd` of a V × V matrix (2,000 × 2,000 for the paper's vocabulary: seconds), cheaper than an SVD of the
/// 11,314 × 2,000 matrix itself. Eigenvalues are σ²; the tiny negative ones rounding can produce become σ = 0.
/// Singular vectors are determined up to sign, which changes neither cosine nor median-threshold rankings.
public struct LatentSemanticAnalysis: Sendable {
    /// σ₁ ≥ σ₂ ≥ … ≥ σ_k.
    public let singularValues: [Double]
    /// Terms × k: column j is the right singular vector of σ_j.
    public let rightSingularVectors: Matrix

    /// The top `dimensions` singular triplets' right vectors of `documents` (rows are documents);
    /// `dimensions` is at most `documents.columns`.
    public init(documents: Matrix, dimensions: Int) throws(EvaluationError) {
        let terms = documents.columns
        precondition(dimensions >= 1 && dimensions <= terms, "LSA keeps 1...\(terms) dimensions")
        let gram = Matrix.product(documents, documents, transposeA: .transposed)
        let eigen: SymmetricEigen
        do {
            eigen = try SymmetricEigen(symmetric: gram.values.map(Double.init), dimension: terms)
        } catch {
            throw .decompositionFailed(error)
        }
        var vectors = Matrix(rows: terms, columns: dimensions)
        for term in 0..<terms {
            for column in 0..<dimensions { vectors[term, column] = Float(eigen.vectors[term * terms + column]) }
        }
        singularValues = eigen.values.prefix(dimensions).map { max(0, $0).squareRoot() }
        rightSingularVectors = vectors
    }

    /// The number of dimensions kept.
    public var dimensions: Int { rightSingularVectors.columns }

    /// The coordinates of `documents` (rows over the same terms) on the first `dimensions` right singular
    /// vectors: documents · V_dimensions. For the analysed matrix these are the rows of U Σ.
    public func project(_ documents: Matrix, dimensions: Int? = nil) -> Matrix {
        let kept = dimensions ?? self.dimensions
        precondition(kept >= 1 && kept <= self.dimensions, "at most \(self.dimensions) dimensions were kept")
        let basis = kept == self.dimensions ? rightSingularVectors : rightSingularVectors.leadingColumns(kept)
        return Matrix.product(documents, basis)
    }
}

extension Matrix {
    /// The first `count` columns, as a new matrix.
    fileprivate func leadingColumns(_ count: Int) -> Matrix {
        var result = Matrix(rows: rows, columns: count)
        for row in 0..<rows {
            for column in 0..<count { result[row, column] = self[row, column] }
        }
        return result
    }
}

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
