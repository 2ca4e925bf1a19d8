/// Element-wise arithmetic on whole matrices, written as flat loops over the storage so that the
/// optimiser vectorises them (no per-element bounds checks or index arithmetic).
extension Matrix {
    /// A matrix of `rows` rows, each `row` times `scales[r]` (or `row` itself without scales): a bias
    /// broadcast, written before a product accumulates into it (`beta` 1), the hidden biases of a
    /// replicated-softmax layer scaled by each document's length. Cost: rows × columns.
    public init(rows: Int, eachRow row: [Float], scaledBy scales: [Float]? = nil) {
        precondition(scales.map { $0.count == rows } ?? true, "expected one scale per row")
        var values = [Float]()
        values.reserveCapacity(rows * row.count)
        for index in 0..<rows {
            if let scale = scales?[index] {
                values.append(contentsOf: row.lazy.map { scale * $0 })
            } else {
                values.append(contentsOf: row)
            }
        }
        self.init(rows: rows, columns: row.count, values: values)
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

/// Element-wise passes over large parameter arrays (optimizer updates), split over the BLAS thread count in
/// ranges of consecutive elements: every element's update is independent of the others, so the result is
/// the same for any thread count. Small arrays (biases) run on the calling thread.
enum ElementwisePass {
    /// Elements per range handed to a thread.
    static let chunkSize = 1 << 16

    /// Runs `body` over ranges covering `0..<count`.
    static func run(count: Int, _ body: (Range<Int>) -> Void) {
        guard count >= 2 * chunkSize else {
            body(0..<count)
            return
        }
        ParallelWork.forEachRange(count: count, chunkSize: chunkSize, threads: BLASThreads.current, body)
    }
}
