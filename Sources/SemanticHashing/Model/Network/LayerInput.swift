/// The rows a layer reads, one example per row: sparse for the word layer (a document holds a hundred or so
/// of the vocabulary's words, so its products cost what the words present cost), dense above it.
public enum LayerInput: Equatable, Sendable {
    case dense(Matrix)
    case sparse(SparseRows)

    /// The number of examples.
    public var rows: Int {
        switch self {
        case let .dense(matrix): return matrix.rows
        case let .sparse(matrix): return matrix.rows
        }
    }

    /// The number of input units.
    public var columns: Int {
        switch self {
        case let .dense(matrix): return matrix.columns
        case let .sparse(matrix): return matrix.columns
        }
    }

    /// The rows as a dense matrix (written out for sparse rows).
    public var dense: Matrix {
        switch self {
        case let .dense(matrix): return matrix
        case let .sparse(matrix): return matrix.dense()
        }
    }

    /// `C = alpha · X · W + beta · C`: the layer's product with `weights` (inputs × outputs).
    func multiply(by weights: Matrix, into c: inout Matrix, alpha: Float = 1, beta: Float = 0) {
        switch self {
        case let .dense(matrix): Matrix.multiply(matrix, weights, into: &c, alpha: alpha, beta: beta)
        case let .sparse(matrix): SparseRows.multiply(matrix, weights, into: &c, alpha: alpha, beta: beta)
        }
    }

    /// `C = alpha · Xᵀ · B + beta · C` for `b` with one row per example: the weight gradient `Xᵀ·δ` or an
    /// RBM's statistics `Vᵀ·H` (C is inputs × b.columns).
    func multiplyTransposed(with b: Matrix, into c: inout Matrix, alpha: Float = 1, beta: Float = 0) {
        switch self {
        case let .dense(matrix):
            Matrix.multiply(matrix, b, into: &c, transposeA: .transposed, alpha: alpha, beta: beta)
        case let .sparse(matrix):
            SparseRows.multiply(matrix, b, into: &c, transposeA: .transposed, alpha: alpha, beta: beta)
        }
    }

    /// Floating-point operations of one product with a dense operand of `outputs` columns (either form):
    /// 2 · rows · columns · outputs dense, 2 · stored entries · outputs sparse.
    public func productFlops(outputs: Int) -> Double {
        switch self {
        case let .dense(matrix): return 2 * Double(matrix.rows) * Double(matrix.columns) * Double(outputs)
        case let .sparse(matrix): return matrix.productFlops(outputs: outputs)
        }
    }

    /// The sum of each row.
    public func rowSums() -> [Float] {
        switch self {
        case let .dense(matrix): return matrix.rowSums()
        case let .sparse(matrix): return matrix.rowSums()
        }
    }

    /// The sum of each column.
    public func columnSums() -> [Float] {
        switch self {
        case let .dense(matrix): return matrix.columnSums()
        case let .sparse(matrix): return matrix.columnSums()
        }
    }
}
