/// The squared Euclidean distance Σ (aᵢ − bᵢ)², summed in index order in Float.
///
/// Every Euclidean comparison in the search layer goes through this one loop, so the same pair of codes
/// always gets bit-identical distances and ties compare equal whichever path found them.
@inline(__always)
func squaredEuclideanDistance(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
    var sum: Float = 0
    for index in 0..<count {
        let difference = a[index] - b[index]
        sum += difference * difference
    }
    return sum
}

extension Matrix {
    /// The squared Euclidean distance between row `row` and `point` (`columns` values).
    public func squaredDistance(row: Int, to point: [Float]) -> Float {
        precondition(point.count == columns, "the point has \(point.count) values, rows have \(columns)")
        return values.withUnsafeBufferPointer { rows in
            point.withUnsafeBufferPointer { point in
                guard let rowsBase = rows.baseAddress, let pointBase = point.baseAddress else { return 0 }
                return squaredEuclideanDistance(rowsBase + row * columns, pointBase, count: columns)
            }
        }
    }
}

/// `values` scaled to unit Euclidean length (all zeros stay zeros). Cosine searches compare codes through
/// this one function, so a hit's cosine distance is bit-identical to the one its search ranked by.
func unitLength<C: Collection<Float>>(_ values: C) -> [Float] {
    var squaredNorm: Float = 0
    for value in values { squaredNorm += value * value }
    guard squaredNorm > 0 else { return Array(values) }
    let scale = 1 / squaredNorm.squareRoot()
    return values.map { $0 * scale }
}

extension Matrix {
    /// Every row scaled by `unitLength(_:)`.
    func rowsScaledToUnitLength() -> Matrix {
        var values: [Float] = []
        values.reserveCapacity(rows * columns)
        for row in 0..<rows { values += unitLength(self.values[(row * columns)..<((row + 1) * columns)]) }
        return Matrix(rows: rows, columns: columns, values: values)
    }

    /// The cosine distance between row `row` and `point`, as `SearchHit.cosineDistance` defines it.
    func cosineDistance(row: Int, to point: [Float]) -> Float {
        let unitRow = unitLength(values[(row * columns)..<((row + 1) * columns)])
        let unitPoint = unitLength(point)
        return unitRow.withUnsafeBufferPointer { a in
            unitPoint.withUnsafeBufferPointer { b in
                guard let a = a.baseAddress, let b = b.baseAddress else { return 0 }
                return squaredEuclideanDistance(a, b, count: columns) / 2
            }
        }
    }
}
