import CBLAS

/// Whether an operand of a matrix product is used as stored or transposed.
public enum Transpose: Sendable {
    case none
    case transposed

    var cblas: CBLAS_TRANSPOSE { self == .none ? CblasNoTrans : CblasTrans }
}

extension Matrix {
    /// `C = alpha · op(A) · op(B) + beta · C`, one `cblas_sgemm` call, or one `cblas_sgemv` call when A is a
    /// single row (encoding one question): sgemm would first copy all of B into its packed layout, which for
    /// one row costs more than the product itself.
    ///
    /// Shapes: op(A) is m × k, op(B) is k × n, C is m × n; a shape mismatch is a programmer error.
    public static func multiply(
        _ a: Matrix, _ b: Matrix, into c: inout Matrix,
        transposeA: Transpose = .none, transposeB: Transpose = .none,
        alpha: Float = 1, beta: Float = 0
    ) {
        let m = transposeA == .none ? a.rows : a.columns
        let k = transposeA == .none ? a.columns : a.rows
        let kB = transposeB == .none ? b.rows : b.columns
        let n = transposeB == .none ? b.columns : b.rows
        precondition(k == kB, "inner dimensions differ: \(k) vs \(kB)")
        precondition(c.rows == m && c.columns == n, "output is \(c.rows)×\(c.columns), expected \(m)×\(n)")
        if m == 0 || n == 0 { return }
        if k == 0 {
            for i in c.values.indices { c.values[i] *= beta }
            return
        }
        a.values.withUnsafeBufferPointer { pa in
            b.values.withUnsafeBufferPointer { pb in
                c.values.withUnsafeMutableBufferPointer { pc in
                    if m == 1 && transposeA == .none {
                        // c = alpha · op(B)ᵀ · a + beta · c, B as stored (b.rows × b.columns, row-major).
                        cblas_sgemv(CblasRowMajor, transposeB == .none ? CblasTrans : CblasNoTrans,
                                    Int32(b.rows), Int32(b.columns), alpha, pb.baseAddress, Int32(b.columns),
                                    pa.baseAddress, 1, beta, pc.baseAddress, 1)
                        return
                    }
                    cblas_sgemm(CblasRowMajor, transposeA.cblas, transposeB.cblas,
                                Int32(m), Int32(n), Int32(k), alpha,
                                pa.baseAddress, Int32(a.columns),
                                pb.baseAddress, Int32(b.columns),
                                beta, pc.baseAddress, Int32(c.columns))
                }
            }
        }
    }

    /// `op(A) · op(B)` as a new matrix.
    public static func product(_ a: Matrix, _ b: Matrix,
                               transposeA: Transpose = .none, transposeB: Transpose = .none) -> Matrix {
        let m = transposeA == .none ? a.rows : a.columns
        let n = transposeB == .none ? b.columns : b.rows
        var c = Matrix(rows: m, columns: n)
        multiply(a, b, into: &c, transposeA: transposeA, transposeB: transposeB)
        return c
    }
}
