/// Element-wise arithmetic on whole matrices, written as flat loops over the storage so that the
/// optimiser vectorises them (no per-element bounds checks or index arithmetic).
extension Matrix {
    /// Adds `vector` to every row: `self[r, c] += vector[c]` (a bias broadcast). Cost: rows × columns.
    public mutating func addToEachRow(_ vector: [Float]) {
        precondition(vector.count == columns, "row vector has \(vector.count) entries, expected \(columns)")
        let width = columns
        values.withUnsafeMutableBufferPointer { target in
            vector.withUnsafeBufferPointer { source in
                guard let base = target.baseAddress, let bias = source.baseAddress else { return }
                for row in 0..<rows {
                    let line = base + row * width
                    for column in 0..<width { line[column] += bias[column] }
                }
            }
        }
    }

    /// Adds `scales[r] · vector` to row `r`: a bias whose strength differs per row (for example the
    /// hidden biases of a replicated-softmax layer, scaled by each document's length).
    public mutating func addToEachRow(_ vector: [Float], scaledBy scales: [Float]) {
        precondition(vector.count == columns, "row vector has \(vector.count) entries, expected \(columns)")
        precondition(scales.count == rows, "expected one scale per row")
        let width = columns
        values.withUnsafeMutableBufferPointer { target in
            vector.withUnsafeBufferPointer { source in
                guard let base = target.baseAddress, let bias = source.baseAddress else { return }
                for row in 0..<rows {
                    let line = base + row * width
                    let scale = scales[row]
                    for column in 0..<width { line[column] += scale * bias[column] }
                }
            }
        }
    }

    /// Multiplies every element by `factor`.
    public mutating func scale(by factor: Float) {
        values.withUnsafeMutableBufferPointer { target in
            for index in target.indices { target[index] *= factor }
        }
    }

    /// `self += alpha · other` (BLAS axpy semantics), element by element.
    public mutating func add(_ other: Matrix, scaledBy alpha: Float = 1) {
        precondition(other.rows == rows && other.columns == columns, "shapes differ")
        values.withUnsafeMutableBufferPointer { target in
            other.values.withUnsafeBufferPointer { source in
                for index in target.indices { target[index] += alpha * source[index] }
            }
        }
    }

    /// Multiplies row `r` by `scales[r]`.
    public mutating func scaleRows(by scales: [Float]) {
        precondition(scales.count == rows, "expected one scale per row")
        let width = columns
        values.withUnsafeMutableBufferPointer { target in
            guard let base = target.baseAddress else { return }
            for row in 0..<rows {
                let line = base + row * width
                let scale = scales[row]
                for column in 0..<width { line[column] *= scale }
            }
        }
    }

    /// The sum of each row (length `rows`).
    public func rowSums() -> [Float] {
        (0..<rows).map { row in
            values.withUnsafeBufferPointer { source in
                var sum: Float = 0
                for column in 0..<columns { sum += source[row * columns + column] }
                return sum
            }
        }
    }

    /// The sum of each column (length `columns`), accumulated row by row in Float.
    public func columnSums() -> [Float] {
        var sums = [Float](repeating: 0, count: columns)
        let width = columns
        values.withUnsafeBufferPointer { source in
            sums.withUnsafeMutableBufferPointer { target in
                guard let base = source.baseAddress, let sum = target.baseAddress else { return }
                for row in 0..<rows {
                    let line = base + row * width
                    for column in 0..<width { sum[column] += line[column] }
                }
            }
        }
        return sums
    }

    /// `Σ_r weights[r] · row r`: column sums with a weight per row.
    public func columnSums(rowWeights weights: [Float]) -> [Float] {
        precondition(weights.count == rows, "expected one weight per row")
        var sums = [Float](repeating: 0, count: columns)
        let width = columns
        values.withUnsafeBufferPointer { source in
            sums.withUnsafeMutableBufferPointer { target in
                guard let base = source.baseAddress, let sum = target.baseAddress else { return }
                for row in 0..<rows {
                    let line = base + row * width
                    let weight = weights[row]
                    for column in 0..<width { sum[column] += weight * line[column] }
                }
            }
        }
        return sums
    }

    /// The sum of squared differences to `other`, accumulated in Double.
    public func squaredDistance(to other: Matrix) -> Double {
        precondition(other.rows == rows && other.columns == columns, "shapes differ")
        return values.withUnsafeBufferPointer { a in
            other.values.withUnsafeBufferPointer { b in
                var total = 0.0
                for row in 0..<rows {
                    var partial: Float = 0
                    for column in 0..<columns {
                        let difference = a[row * columns + column] - b[row * columns + column]
                        partial += difference * difference
                    }
                    total += Double(partial)
                }
                return total
            }
        }
    }

    /// True when no element is NaN or infinite.
    public var isFinite: Bool { values.allFinite }
}

extension Array where Element == Float {
    /// True when no element is NaN or infinite.
    public var allFinite: Bool {
        withUnsafeBufferPointer { buffer in
            // Any NaN or Inf makes the product with zero NaN, so one sweep suffices.
            var probe: Float = 0
            for value in buffer { probe += value * 0 }
            return probe == 0
        }
    }

    /// `self += alpha · other`, element by element.
    public mutating func add(_ other: [Float], scaledBy alpha: Float = 1) {
        precondition(other.count == count, "lengths differ")
        withUnsafeMutableBufferPointer { target in
            other.withUnsafeBufferPointer { source in
                for index in target.indices { target[index] += alpha * source[index] }
            }
        }
    }
}
