extension BinaryCodes {
    /// The Hamming distance between code `index` and `query` (packed the same way, `wordsPerCode` words):
    /// XOR then popcount over whole words, which counts differing bits because padding bits are zero.
    public func distance(_ index: Int, to query: [UInt64]) -> Int {
        precondition(query.count == wordsPerCode, "a query needs \(wordsPerCode) words")
        var total = 0
        for word in 0..<wordsPerCode { total += (words[index * wordsPerCode + word] ^ query[word]).nonzeroBitCount }
        return total
    }

    /// Whether `query` is a well-formed code of this set: `wordsPerCode` words with zero padding bits.
    public func isValidQuery(_ query: [UInt64]) -> Bool {
        guard query.count == wordsPerCode else { return false }
        let padding = wordsPerCode * 64 - bitCount
        return padding == 0 || query[wordsPerCode - 1] >> UInt64(64 - padding) == 0
    }
}
