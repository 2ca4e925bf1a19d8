import SemanticHashing

/// The Hamming distance between code `index` and `query`, counted bit by bit (independent of the
/// word-wise XOR + popcount the library uses).
public func bitwiseHammingDistance(_ codes: BinaryCodes, _ index: Int, _ query: [UInt64]) -> Int {
    var differing = 0
    for bit in 0..<codes.bitCount where codes.bit(bit, of: index) != (query[bit / 64] >> UInt64(bit % 64) & 1 == 1) {
        differing += 1
    }
    return differing
}

/// Every code with its distance to `query`, sorted by (distance, index): the reference order.
public func bruteForceHammingRanking(_ codes: BinaryCodes, query: [UInt64]) -> [HammingNeighbor] {
    (0..<codes.count)
        .map { HammingNeighbor(index: $0, distance: bitwiseHammingDistance(codes, $0, query)) }
        .sorted { $0.distance != $1.distance ? $0.distance < $1.distance : $0.index < $1.index }
}

/// The k nearest codes in (distance, index) order; with `includingTies`, also every code at the k-th
/// distance.
public func bruteForceHammingNearest(_ codes: BinaryCodes, query: [UInt64], k: Int,
                                     includingTies: Bool = false) -> [HammingNeighbor] {
    let ranking = bruteForceHammingRanking(codes, query: query)
    guard includingTies, ranking.count > k else { return Array(ranking.prefix(k)) }
    return ranking.filter { $0.distance <= ranking[k - 1].distance }
}

/// Every code within `radius` (inclusive) in (distance, index) order.
public func bruteForceHammingWithin(_ codes: BinaryCodes, query: [UInt64], radius: Int) -> [HammingNeighbor] {
    bruteForceHammingRanking(codes, query: query).filter { $0.distance <= radius }
}

/// The squared Euclidean distance, summed in index order in Float.
public func referenceSquaredDistance(_ a: [Float], _ b: [Float]) -> Float {
    var sum: Float = 0
    for (x, y) in zip(a, b) { sum += (x - y) * (x - y) }
    return sum
}

/// Every row with its squared distance to `query`, sorted by (distance, index), first k.
public func bruteForceEuclideanNearest(_ codes: Matrix, query: [Float], k: Int) -> [EuclideanNeighbor] {
    Array((0..<codes.rows)
        .map { EuclideanNeighbor(index: $0, squaredDistance: referenceSquaredDistance(codes.row($0), query)) }
        .sorted { ($0.squaredDistance, $0.index) < ($1.squaredDistance, $1.index) }
        .prefix(k))
}
