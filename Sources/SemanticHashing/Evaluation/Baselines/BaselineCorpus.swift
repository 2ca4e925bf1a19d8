/// The inputs every baseline is built from: the term counts of the database documents and of the queries over
/// one vocabulary (the same the model reads), so that baselines and model see identical documents.
public struct BaselineCorpus: Sendable {
    public let database: [BagOfWords]
    public let queries: [BagOfWords]
    /// The number of terms; every term ID is below it.
    public let vocabularySize: Int

    /// Database and queries over the same vocabulary (matrices of the same width).
    public init(database: BagOfWordsMatrix, queries: BagOfWordsMatrix) {
        precondition(database.width == queries.width, "database and queries are counted over one vocabulary")
        precondition(database.width > 0, "the vocabulary has at least one term")
        precondition(database.firstTermOutOfRange == nil && queries.firstTermOutOfRange == nil,
                     "term IDs lie below the vocabulary size")
        self.database = database.rows
        self.queries = queries.rows
        self.vocabularySize = database.width
    }

    /// The number of database documents containing each term.
    public func databaseDocumentFrequencies() -> [Int] {
        var frequencies = [Int](repeating: 0, count: vocabularySize)
        for document in database {
            for (term, count) in zip(document.termIDs, document.counts) where count > 0 { frequencies[Int(term)] += 1 }
        }
        return frequencies
    }
}

/// Inner products of sparse queries with dense database vectors, for the full-vocabulary baselines (TF-IDF,
/// BM25) whose queries use a few dozen of 2,000 terms.
///
/// The database is stored term-major (terms × documents), so a query's products with every document are
/// the sum, over its non-zero terms t, of weight(t) × row t: one `saxpy` of databaseCount floats per term.
/// That is about 40 × 11,314 multiply-adds per 20 Newsgroups query against 2,000 × 11,314 for a dense
/// product, and the 90 MB term-major matrix stays in the last-level cache.
struct SparseQueryInnerProducts: Sendable {
    /// Terms × database documents.
    let databaseByTerm: Matrix
    /// Query q's non-zero terms and weights are `terms[offsets[q]..<offsets[q + 1]]` and the same of `weights`.
    private let offsets: [Int]
    private let terms: [Int32]
    private let weights: [Float]

    /// Database and queries as dense rows over the same terms (documents × terms, queries × terms).
    init(database: Matrix, queries: Matrix) {
        precondition(database.columns == queries.columns, "database and queries differ in vocabulary")
        var offsets = [0], terms = [Int32](), weights = [Float]()
        for query in 0..<queries.rows {
            for term in 0..<queries.columns where queries[query, term] != 0 {
                terms.append(Int32(term))
                weights.append(queries[query, term])
            }
            offsets.append(terms.count)
        }
        self.databaseByTerm = database.transposed()
        self.offsets = offsets
        self.terms = terms
        self.weights = weights
    }

    var databaseCount: Int { databaseByTerm.columns }
    var queryCount: Int { offsets.count - 1 }

    /// Writes `offset + scale · (query · document)` for every query in `queries` and every database document
    /// into `buffer`, row-major (queries.count × databaseCount).
    func distances(forQueries queries: Range<Int>, offset: Float, scale: Float,
                   into buffer: UnsafeMutableBufferPointer<Float>) {
        let count = databaseCount
        precondition(buffer.count == queries.count * count, "the buffer holds one distance per pair")
        buffer.update(repeating: offset)
        guard count > 0 else { return }
        for (row, query) in queries.enumerated() {
            let target = UnsafeMutableBufferPointer(rebasing: buffer[(row * count)..<((row + 1) * count)])
            for entry in offsets[query]..<offsets[query + 1] {
                databaseByTerm.addRow(Int(terms[entry]), scaledBy: scale * weights[entry], to: target)
            }
        }
    }
}
