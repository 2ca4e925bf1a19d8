/// Reductions over one row of floats in sixteen-lane vectors: the largest element and the sum (two vectors of
/// partial results each), and a dot product with its weights' sum (one vector each).
///
/// Why not a plain loop: without reassociation (Swift never reassociates floating-point addition) a loop
/// summing a row is one chain of dependent scalar additions, four cycles each, and a loop keeping the largest
/// element stays scalar too. The row softmax of a 5,000-word layer spent most of its time there. These keep
/// independent partial results per lane and combine them at the end, always in the same order, so a result
/// depends only on the row (not on threads or alignment). The sums round differently from a left-to-right
/// sum (tested within float rounding of the exact sum); the largest element is exactly the loop's.
enum RowReductions {
    private typealias Lanes = SIMD16<Float>
    private static let lanes = Lanes.scalarCount

    /// The largest of `row[0..<count]` (`count ≥ 1`), as a loop keeping `row[i]` when `row[i] > largest`:
    /// a NaN is never taken, unless it is `row[0]`.
    @inline(__always)
    static func largest(_ row: UnsafePointer<Float>, count: Int) -> Float {
        let raw = UnsafeRawPointer(row)
        var first = Lanes(repeating: row[0]), second = first
        var index = 0
        while index + 2 * lanes <= count {
            let a = raw.loadUnaligned(fromByteOffset: index * 4, as: Lanes.self)
            let b = raw.loadUnaligned(fromByteOffset: (index + lanes) * 4, as: Lanes.self)
            first.replace(with: a, where: a .> first)
            second.replace(with: b, where: b .> second)
            index += 2 * lanes
        }
        first.replace(with: second, where: second .> first)
        var result = row[0]
        for lane in 0..<lanes where first[lane] > result { result = first[lane] }
        while index < count {
            if row[index] > result { result = row[index] }
            index += 1
        }
        return result
    }

    /// `Σ row[0..<count]`.
    @inline(__always)
    static func sum(_ row: UnsafePointer<Float>, count: Int) -> Float {
        let raw = UnsafeRawPointer(row)
        var first = Lanes(), second = Lanes()
        var index = 0
        while index + 2 * lanes <= count {
            first += raw.loadUnaligned(fromByteOffset: index * 4, as: Lanes.self)
            second += raw.loadUnaligned(fromByteOffset: (index + lanes) * 4, as: Lanes.self)
            index += 2 * lanes
        }
        var result = (first + second).sum()
        while index < count {
            result += row[index]
            index += 1
        }
        return result
    }

    /// `(Σ weights[i] · row[i], Σ weights[i])` over `0..<count`, in one pass.
    @inline(__always)
    static func weightedSum(_ row: UnsafePointer<Float>, weights: UnsafePointer<Float>,
                            count: Int) -> (weighted: Float, weights: Float) {
        let rawRow = UnsafeRawPointer(row), rawWeights = UnsafeRawPointer(weights)
        var weighted = Lanes(), mass = Lanes()
        var index = 0
        while index + lanes <= count {
            let w = rawWeights.loadUnaligned(fromByteOffset: index * 4, as: Lanes.self)
            weighted += w * rawRow.loadUnaligned(fromByteOffset: index * 4, as: Lanes.self)
            mass += w
            index += lanes
        }
        var weightedTotal = weighted.sum(), massTotal = mass.sum()
        while index < count {
            weightedTotal += weights[index] * row[index]
            massTotal += weights[index]
            index += 1
        }
        return (weightedTotal, massTotal)
    }
}
