extension BinaryCodes {
    /// Appends every code of `other` (same bit length) after the existing ones.
    public mutating func append(contentsOf other: BinaryCodes) {
        precondition(other.bitCount == bitCount, "bit lengths differ: \(other.bitCount) vs \(bitCount)")
        self = BinaryCodes(bitCount: bitCount, words: words + other.words)
    }

    /// The codes whose index satisfies `isKept`, in their original order.
    public func filter(_ isKept: (Int) -> Bool) -> BinaryCodes {
        var kept = [UInt64]()
        kept.reserveCapacity(words.count)
        for index in 0..<count where isKept(index) { kept.append(contentsOf: code(index)) }
        return BinaryCodes(bitCount: bitCount, words: kept)
    }
}
