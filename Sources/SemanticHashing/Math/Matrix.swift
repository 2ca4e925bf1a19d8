/// A dense row-major matrix of `Float`, the currency of the model, the baselines and the codes.
///
/// Storage is one contiguous array so that whole matrices go to BLAS in one call.
/// Shape: `rows × columns`; element (r, c) lives at `values[r * columns + c]`.
public struct Matrix: Equatable, Sendable {
    public let rows: Int
    public let columns: Int
    public var values: [Float]

    /// A matrix of zeros (or of `value`).
    public init(rows: Int, columns: Int, repeating value: Float = 0) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        self.values = [Float](repeating: value, count: rows * columns)
    }

    /// A matrix over existing row-major values.
    public init(rows: Int, columns: Int, values: [Float]) {
        precondition(values.count == rows * columns, "expected \(rows * columns) values, got \(values.count)")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    public subscript(row: Int, column: Int) -> Float {
        get { values[row * columns + column] }
        set { values[row * columns + column] = newValue }
    }

    /// A copy of one row.
    public func row(_ index: Int) -> [Float] {
        Array(values[(index * columns)..<((index + 1) * columns)])
    }

    /// A copy of rows `range`, as a new matrix.
    public func rows(_ range: Range<Int>) -> Matrix {
        Matrix(rows: range.count, columns: columns,
               values: Array(values[(range.lowerBound * columns)..<(range.upperBound * columns)]))
    }

    /// The transpose, as a new matrix.
    public func transposed() -> Matrix {
        var result = Matrix(rows: columns, columns: rows)
        for r in 0..<rows {
            for c in 0..<columns {
                result.values[c * rows + r] = values[r * columns + c]
            }
        }
        return result
    }
}

extension Matrix {
    /// The rows `indices`, in that order, as a new matrix (one block copy per row).
    public func gatherRows(_ indices: some Collection<Int>) -> Matrix {
        var result = Matrix(rows: indices.count, columns: columns)
        let width = columns
        values.withUnsafeBufferPointer { source in
            result.values.withUnsafeMutableBufferPointer { target in
                guard let from = source.baseAddress, let to = target.baseAddress else { return }
                for (row, index) in indices.enumerated() {
                    precondition(index >= 0 && index < rows, "row \(index) out of range")
                    (to + row * width).update(from: from + index * width, count: width)
                }
            }
        }
        return result
    }

    /// Overwrites rows `offset ..< offset + block.rows` with `block`.
    public mutating func setRows(startingAt offset: Int, to block: Matrix) {
        precondition(block.columns == columns && offset >= 0 && offset + block.rows <= rows, "block does not fit")
        let width = columns
        values.withUnsafeMutableBufferPointer { target in
            block.values.withUnsafeBufferPointer { source in
                guard let to = target.baseAddress, let from = source.baseAddress else { return }
                (to + offset * width).update(from: from, count: block.rows * width)
            }
        }
    }
}

/// Random draws over whole matrices, in row-major element order (so a replay of the same generator
/// reproduces them exactly).
extension RandomSource {
    /// `states[i] = 1` with probability `probabilities[i]`, else 0: one uniform draw per element,
    /// `1` exactly when the draw is below the probability.
    public mutating func sampleBernoulli(_ probabilities: Matrix, into states: inout Matrix) {
        precondition(states.rows == probabilities.rows && states.columns == probabilities.columns, "shapes differ")
        probabilities.values.withUnsafeBufferPointer { p in
            states.values.withUnsafeMutableBufferPointer { s in
                for index in s.indices { s[index] = uniform() < p[index] ? 1 : 0 }
            }
        }
    }

    /// Adds independent normal noise of the given standard deviation to every element.
    public mutating func addGaussianNoise(to matrix: inout Matrix, standardDeviation: Float = 1) {
        matrix.values.withUnsafeMutableBufferPointer { buffer in
            for index in buffer.indices { buffer[index] += gaussian() * standardDeviation }
        }
    }
}
