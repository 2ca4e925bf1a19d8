/// The inputs every baseline is built from: the term counts of the database documents and of the queries over
/// one vocabulary (the same the model reads), so that baselines and model see identical documents.
public struct BaselineCorpus: Sendable {
    public let database: [BagOfWords]
    public let queries: [BagOfWords]
    /// The number of terms; every term ID is below it.
    public let vocabularySize: Int

    public init(database: [BagOfWords], queries: [BagOfWords], vocabularySize: Int) {
        precondition(vocabularySize > 0, "the vocabulary has at least one term")
        precondition((database + queries).allSatisfy { $0.termIDs.allSatisfy { $0 >= 0 && Int($0) < vocabularySize } },
                     "term IDs lie below the vocabulary size")
        self.database = database
        self.queries = queries
        self.vocabularySize = vocabularySize
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
