/// Real-valued codes (the model's 10-number codes, or any other embedding) ranked by squared Euclidean
/// distance.
///
/// Distances are computed a block of queries at a time through BLAS as ‖q‖² + ‖d‖² − 2 q·d (one sgemm per
/// block), clamped at zero against rounding. The expansion loses relative accuracy only for pairs much closer
/// than the codes' norms, which does not change rankings at the precision the evaluation reports.
public struct EuclideanCodes: RetrievalMethod {
    public let name: String
    public let database: Matrix
    public let queries: Matrix
    private let databaseSquaredNorms: [Float]
    private let querySquaredNorms: [Float]

    /// Codes of the database documents and of the queries, one row each (same number of columns).
    public init(name: String, database: Matrix, queries: Matrix) {
        precondition(database.columns == queries.columns, "database and query codes differ in length")
        self.name = name
        self.database = database
        self.queries = queries
        self.databaseSquaredNorms = database.rowSquaredNorms()
        self.querySquaredNorms = queries.rowSquaredNorms()
    }

    public var metric: String { SearchMetric.euclidean.rawValue }
    public var distanceKind: DistanceKind { .continuous }
    public var databaseCount: Int { database.rows }
    public var queryCount: Int { queries.rows }

    public func distances(forQueries range: Range<Int>, into buffer: UnsafeMutableBufferPointer<Float>) {
        queries.innerProducts(ofRows: range, with: database, alpha: -2, into: buffer)
        let count = database.rows
        for (offset, query) in range.enumerated() {
            let queryNorm = querySquaredNorms[query]
            for document in 0..<count {
                let index = offset * count + document
                buffer[index] = max(0, buffer[index] + queryNorm + databaseSquaredNorms[document])
            }
        }
    }
}

/// Real-valued vectors (TF-IDF, LSA coordinates, codes) ranked by cosine distance, 1 − cos(q, d).
///
/// Rows are scaled to unit length once, so a block of queries costs one sgemm: distance = 1 − q̂·d̂.
/// An all-zero vector (an empty document) has cosine 0 with everything, so all its distances are 1 and its
/// ranking is decided by the tie-breaking order alone.
public struct CosineCodes: RetrievalMethod {
    public let name: String
    /// The database vectors, rows scaled to unit length.
    public let database: Matrix
    /// The query vectors, rows scaled to unit length.
    public let queries: Matrix

    /// Vectors of the database documents and of the queries, one row each (same number of columns).
    public init(name: String, database: Matrix, queries: Matrix) {
        precondition(database.columns == queries.columns, "database and query vectors differ in length")
        self.name = name
        self.database = database.rowsNormalized()
        self.queries = queries.rowsNormalized()
    }

    public var metric: String { "cosine" }
    public var distanceKind: DistanceKind { .continuous }
    public var databaseCount: Int { database.rows }
    public var queryCount: Int { queries.rows }

    public func distances(forQueries range: Range<Int>, into buffer: UnsafeMutableBufferPointer<Float>) {
        queries.innerProducts(ofRows: range, with: database, alpha: -1, into: buffer)
        for index in buffer.indices { buffer[index] += 1 }
    }
}
