/// Failures of the evaluation stage: an index and queries that cannot be evaluated, unknown baseline names,
/// baselines that cannot be built, reports that cannot be written.
///
/// Relevance is a shared label, so an evaluation needs labelled documents on both sides, and queries whose
/// labels occur in the index: without them every query would be skipped and the figures would be empty.
public enum EvaluationError: Error, Equatable, CustomStringConvertible {
    /// The index's documents carry fewer than two distinct labels (`distinct` of them).
    case indexLabelsNeeded(String, distinct: Int)
    /// No query document carries a label.
    case queryLabelsNeeded
    /// No query label is a label of any indexed document; `queryLabels` are the queries' labels, sorted.
    case noSharedLabels(String, queryLabels: [String])
    /// The query corpus yielded no document.
    case noQueries
    /// A baseline name that is not one of `BaselineKind`'s.
    case unknownBaseline(name: String)
    /// A baseline asked for a number of dimensions or bits outside what the data allows.
    case invalidBaselineSize(baseline: String, requested: Int, allowed: ClosedRange<Int>)
    /// The LAPACK decomposition behind LSA failed.
    case decompositionFailed(MathError)
    /// A report file or directory could not be written.
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case let .indexLabelsNeeded(path, distinct):
            return "evaluation needs labels: the documents of \(path) carry \(distinct == 0 ? "no label" : "only one label")"
                + " but at least two distinct labels are needed"
        case .queryLabelsNeeded:
            return "evaluation needs labels: the query documents carry none"
        case let .noSharedLabels(path, queryLabels):
            let shown = queryLabels.prefix(5).joined(separator: ", ") + (queryLabels.count > 5 ? ", …" : "")
            return "no query label (\(shown)) is a label of the documents of \(path): every query would be skipped"
        case .noQueries:
            return "the query corpus holds no documents"
        case let .unknownBaseline(name):
            let known = BaselineKind.allCases.map(\.rawValue).joined(separator: ", ")
            return "unknown baseline '\(name)'; choose from: \(known)"
        case let .invalidBaselineSize(baseline, requested, allowed):
            let range = allowed.upperBound == Int.max
                ? "at least \(allowed.lowerBound)" : "\(allowed.lowerBound) to \(allowed.upperBound)"
            return "baseline \(baseline) asks for \(requested) dimensions or bits, but it can be built with "
                + "\(range) (LSA is limited by the vocabulary size)"
        case let .decompositionFailed(error):
            return "the LSA decomposition failed: \(error)"
        case let .cannotWrite(path, reason):
            return "cannot write \(path): \(reason)"
        }
    }
}
