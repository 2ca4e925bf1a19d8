/// Failures of the search layer: codes that do not fit together.
public enum SearchError: Error, Equatable, CustomStringConvertible {
    /// The ids, real codes and hashes describe different numbers of documents.
    case mismatchedCounts(ids: Int, realCodes: Int, hashes: Int)
    /// The same document id appears twice.
    case duplicateID(Int64)
    /// A document's real code or hash has the wrong size for the loaded codes.
    case mismatchedCode(id: Int64, expected: String, got: String)

    public var description: String {
        switch self {
        case let .mismatchedCounts(ids, realCodes, hashes):
            return "the index holds \(ids) ids, \(realCodes) real codes and \(hashes) hashes"
        case let .duplicateID(id):
            return "document id \(id) is already in the index"
        case let .mismatchedCode(id, expected, got):
            return "document \(id) has \(got) but the index holds \(expected): it was encoded by another model"
        }
    }
}
