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
