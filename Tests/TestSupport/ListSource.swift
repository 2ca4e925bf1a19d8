import SemanticHashing

/// A `DocumentList` that can also fail once it has yielded its documents (to test that a failing read leaves
/// an index as it was).
public struct ListSource: DocumentSource {
    public var list: DocumentList
    public var failsAtEnd: Bool

    public struct Failure: Error {}

    public init(documents: [Document], failsAtEnd: Bool = false) {
        self.list = DocumentList(documents: documents)
        self.failsAtEnd = failsAtEnd
    }

    public func forEachDocument(_ body: (Document) throws -> Void) throws -> CorpusReport {
        let report = try list.forEachDocument(body)
        if failsAtEnd { throw Failure() }
        return report
    }
}
