/// Failures of the evaluation layer: unknown baseline names, baselines that cannot be built, reports that
/// cannot be written.
public enum EvaluationError: Error, Equatable, CustomStringConvertible {
    /// A `--baseline` name that is not one of `BaselineKind`'s.
    case unknownBaseline(name: String)
    /// A baseline asked for a number of dimensions or bits outside what the data allows.
    case invalidBaselineSize(baseline: String, requested: Int, allowed: ClosedRange<Int>)
    /// The LAPACK decomposition behind LSA failed.
    case decompositionFailed(MathError)
    /// A report file or directory could not be written.
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
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
            return "cannot write \(path): \(reason); check that the directory exists and is writable"
        }
    }
}
