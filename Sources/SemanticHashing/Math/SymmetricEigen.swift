import CBLAS

/// Eigen-decomposition of a symmetric matrix through LAPACK `dsyevd` (double precision for accuracy).
public struct SymmetricEigen: Sendable {
    /// Eigenvalues in descending order.
    public let values: [Double]
    /// Eigenvectors as columns, in the order of `values`. Shape: n × n, row-major.
    public let vectors: [Double]
    public let dimension: Int

    /// Decomposes the symmetric n × n matrix given row-major in `matrix`.
    public init(symmetric matrix: [Double], dimension n: Int) throws(MathError) {
        precondition(matrix.count == n * n, "expected an \(n)×\(n) matrix")
        var a = matrix  // symmetric: row-major equals column-major
        var w = [Double](repeating: 0, count: n)
        var jobz = Int8(UInt8(ascii: "V")), uplo = Int8(UInt8(ascii: "U"))
        var order = Int32(n), lda = Int32(max(1, n)), info: Int32 = 0
        var lwork: Int32 = -1, liwork: Int32 = -1
        var workQuery = 0.0
        var iworkQuery: Int32 = 0
        dsyevd_(&jobz, &uplo, &order, &a, &lda, &w, &workQuery, &lwork, &iworkQuery, &liwork, &info)
        guard info == 0 else { throw .lapack(routine: "dsyevd", info: Int(info)) }
        lwork = Int32(workQuery)
        liwork = iworkQuery
        var work = [Double](repeating: 0, count: Int(lwork))
        var iwork = [Int32](repeating: 0, count: Int(liwork))
        dsyevd_(&jobz, &uplo, &order, &a, &lda, &w, &work, &lwork, &iwork, &liwork, &info)
        guard info == 0 else { throw .lapack(routine: "dsyevd", info: Int(info)) }
        // LAPACK returns ascending eigenvalues with eigenvectors as columns of a column-major matrix,
        // i.e. eigenvector j is a[j*n ..< (j+1)*n]. Reorder to descending, store as row-major columns.
        var vectors = [Double](repeating: 0, count: n * n)
        for (target, source) in (0..<n).reversed().enumerated() {
            for i in 0..<n { vectors[i * n + target] = a[source * n + i] }
        }
        self.values = w.reversed()
        self.vectors = vectors
        self.dimension = n
    }
}

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
