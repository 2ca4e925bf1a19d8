import SemanticHashing

/// A uniformly random `bitCount`-bit code, packed with zero padding.
public func randomCode(bitCount: Int, generator: inout SeededGenerator) -> [UInt64] {
    var words = (0..<((bitCount + 63) / 64)).map { _ in generator.next() }
    if bitCount % 64 != 0 { words[words.count - 1] &= (1 << UInt64(bitCount % 64)) - 1 }
    return words
}

/// `code` with `flips` distinct random bits flipped.
public func flipping(_ code: [UInt64], bitCount: Int, flips: Int, generator: inout SeededGenerator) -> [UInt64] {
    var code = code
    var flipped = Set<Int>()
    while flipped.count < min(flips, bitCount) { flipped.insert(Int.random(in: 0..<bitCount, using: &generator)) }
    for bit in flipped { code[bit / 64] ^= 1 << UInt64(bit % 64) }
    return code
}

/// `count` uniformly random codes.
public func randomBinaryCodes(count: Int, bitCount: Int, generator: inout SeededGenerator) -> BinaryCodes {
    BinaryCodes(bitCount: bitCount,
                words: (0..<count).flatMap { _ in randomCode(bitCount: bitCount, generator: &generator) })
}

/// `count` codes around `centers.count` cluster centres: each is its centre with 0…`maxFlips` random bits
/// flipped, so Hamming balls around the centres hold many codes, including exact duplicates.
public func clusteredBinaryCodes(count: Int, centers: [[UInt64]], bitCount: Int, maxFlips: Int,
                                 generator: inout SeededGenerator) -> BinaryCodes {
    // One initialiser call: `BinaryCodes.append` re-checks the padding of every code in debug builds.
    var words: [UInt64] = []
    for _ in 0..<count {
        let center = centers[Int.random(in: 0..<centers.count, using: &generator)]
        words += flipping(center, bitCount: bitCount, flips: Int.random(in: 0...maxFlips, using: &generator),
                          generator: &generator)
    }
    return BinaryCodes(bitCount: bitCount, words: words)
}
