/// Failures of the numerical layer.
public enum MathError: Error, Equatable, CustomStringConvertible {
    /// A LAPACK routine reported a non-zero `info`.
    case lapack(routine: String, info: Int)

    public var description: String {
        switch self {
        case let .lapack(routine, info):
            return "LAPACK \(routine) failed (info \(info)); the input may contain NaN or Inf"
        }
    }
}
