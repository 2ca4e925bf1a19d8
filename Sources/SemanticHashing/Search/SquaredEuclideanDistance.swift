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

    /// The cosine distance between row `row` and a point already scaled by `unitLength(_:)`, as
    /// `SearchHit.cosineDistance` defines it: the row is scaled exactly as `unitLength(_:)` scales it, in a
    /// scratch buffer, so that no array is made per hit.
    func cosineDistance(row: Int, toUnit unitPoint: [Float]) -> Float {
        precondition(unitPoint.count == columns, "the point has \(unitPoint.count) values, rows have \(columns)")
        guard columns > 0 else { return 0 }
        return values.withUnsafeBufferPointer { rows in
            withUnsafeTemporaryAllocation(of: Float.self, capacity: columns) { unitRow in
                let rowValues = rows[(row * columns)..<((row + 1) * columns)]
                var squaredNorm: Float = 0
                for value in rowValues { squaredNorm += value * value }
                let scale = squaredNorm > 0 ? 1 / squaredNorm.squareRoot() : 1
                for (offset, value) in rowValues.enumerated() { unitRow[offset] = squaredNorm > 0 ? value * scale : value }
                return unitPoint.withUnsafeBufferPointer { point in
                    squaredEuclideanDistance(unitRow.baseAddress!, point.baseAddress!, count: columns) / 2
                }
            }
        }
    }
}
