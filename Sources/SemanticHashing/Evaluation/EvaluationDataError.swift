/// Why an index and a query corpus cannot be evaluated, each case saying what to change.
///
/// Relevance is a shared label, so an evaluation needs labelled documents on both sides, and queries whose
/// labels occur in the index: without them every query would be skipped and the figures would be empty.
public enum EvaluationDataError: Error, Equatable, CustomStringConvertible {
    /// The index has no vocabulary: nothing was indexed yet.
    case emptyIndex(String)
    /// The index's documents carry fewer than two distinct labels (`distinct` of them).
    case indexLabelsNeeded(String, distinct: Int)
    /// No query document carries a label.
    case queryLabelsNeeded
    /// No query label is a label of any indexed document; `queryLabels` are the queries' labels, sorted.
    case noSharedLabels(String, queryLabels: [String])
    /// The query corpus yielded no document.
    case noQueries

    public var description: String {
        let howToLabel = "label folder corpora by subfolder, JSONL documents by a \"labels\" array"
        switch self {
        case let .emptyIndex(path):
            return "\(path) holds no indexed documents yet: run `semhash index <corpus> --index \(path)` first"
        case let .indexLabelsNeeded(path, distinct):
            return "evaluation needs labels: the documents of \(path) carry \(distinct == 0 ? "no label" : "only one label")"
                + " but at least two distinct labels are needed; index a labelled corpus (\(howToLabel))"
        case .queryLabelsNeeded:
            return "evaluation needs labels: the query documents carry none; \(howToLabel)"
        case let .noSharedLabels(path, queryLabels):
            let shown = queryLabels.prefix(5).joined(separator: ", ") + (queryLabels.count > 5 ? ", …" : "")
            return "no query label (\(shown)) is a label of the documents of \(path): every query would be skipped;"
                + " evaluate queries labelled like the indexed corpus"
        case .noQueries:
            return "the query corpus holds no documents: check --queries and --format"
        }
    }
}
