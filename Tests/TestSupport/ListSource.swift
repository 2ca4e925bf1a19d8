import SemanticHashing

/// A corpus held in memory: yields its documents in order and then, optionally, fails (to test that a
/// failing read leaves an index as it was).
public struct ListSource: DocumentSource {
    public var documents: [Document]
    public var failsAtEnd: Bool

    public struct Failure: Error {}

    public init(documents: [Document], failsAtEnd: Bool = false) {
        self.documents = documents
        self.failsAtEnd = failsAtEnd
    }

    public func forEachDocument(_ body: (Document) throws -> Void) throws -> CorpusReport {
        for document in documents { try body(document) }
        if failsAtEnd { throw Failure() }
        return CorpusReport()
    }
}
