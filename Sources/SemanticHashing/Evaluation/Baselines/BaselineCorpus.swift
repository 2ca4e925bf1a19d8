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
