import SemanticHashing

/// Squared Euclidean distance by the definition Σ (aᵢ − bᵢ)², in Double: the reference for `EuclideanCodes`.
public func naiveSquaredEuclidean(_ a: [Float], _ b: [Float]) -> Double {
    precondition(a.count == b.count)
    return zip(a, b).reduce(0.0) { $0 + (Double($1.0) - Double($1.1)) * (Double($1.0) - Double($1.1)) }
}

/// 1 − a·b / (‖a‖‖b‖) in Double, 1 when either vector is zero: the reference for cosine distances.
public func naiveCosineDistance(_ a: [Float], _ b: [Float]) -> Double {
    precondition(a.count == b.count)
    let dot = zip(a, b).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
    let normA = a.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
    let normB = b.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
    return normA == 0 || normB == 0 ? 1 : 1 - dot / (normA * normB)
}

/// The Hamming distance counted one bit at a time through `BinaryCodes.bit(_:of:)`.
public func bitByBitHamming(_ a: BinaryCodes, _ i: Int, _ b: BinaryCodes, _ j: Int) -> Int {
    precondition(a.bitCount == b.bitCount)
    return (0..<a.bitCount).filter { a.bit($0, of: i) != b.bit($0, of: j) }.count
}

/// Random hashes of `bitCount` bits.
public func randomCodes(count: Int, bitCount: Int, generator: inout SeededGenerator) -> BinaryCodes {
    var codes = BinaryCodes(bitCount: bitCount)
    for _ in 0..<count { codes.append(bits: (0..<bitCount).map { _ in Bool.random(using: &generator) }) }
    return codes
}
