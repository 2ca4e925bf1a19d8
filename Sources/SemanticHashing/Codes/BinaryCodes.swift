/// A set of fixed-length binary hashes packed into 64-bit words.
///
/// Code `i` occupies `words[i * wordsPerCode ..< (i + 1) * wordsPerCode]`; bit `b` of a code is bit
/// `b % 64` of word `b / 64` (least significant first). Padding bits beyond `bitCount` in the last word
/// are always zero, so XOR + popcount over whole words gives the Hamming distance.
public struct BinaryCodes: Sendable, Equatable {
    public let bitCount: Int
    public let wordsPerCode: Int
    public private(set) var words: [UInt64]

    public init(bitCount: Int) {
        precondition(bitCount > 0, "a hash needs at least one bit")
        self.bitCount = bitCount
        self.wordsPerCode = (bitCount + 63) / 64
        self.words = []
    }

    public init(bitCount: Int, words: [UInt64]) {
        self.init(bitCount: bitCount)
        precondition(words.count % wordsPerCode == 0, "words must hold whole codes")
        self.words = words
        assertPaddingIsZero()
    }

    /// The hashes of `values`' rows, one bit per column: bit `b` of hash `i` is set when `values[i, b]` exceeds
    /// `thresholds[b]`. How the model hashes its real code (at the code units' medians) or its hash head's
    /// logistic units (at one half), and how the LSH and LSA-bits baselines cut their projections.
    public init(thresholding values: Matrix, at thresholds: [Float]) {
        precondition(values.columns == thresholds.count, "one threshold per column")
        self.init(bitCount: values.columns)
        var code = [UInt64](repeating: 0, count: wordsPerCode)
        for row in 0..<values.rows {
            for index in code.indices { code[index] = 0 }
            for bit in 0..<values.columns where values[row, bit] > thresholds[bit] {
                code[bit >> 6] |= 1 << UInt64(bit & 63)
            }
            append(words: code)
        }
    }

    public var count: Int { words.count / wordsPerCode }

    /// Appends one code given as its packed words.
    public mutating func append(words code: some Collection<UInt64>) {
        precondition(code.count == wordsPerCode, "expected \(wordsPerCode) words")
        words.append(contentsOf: code)
        assertPaddingIsZero(from: count - 1)
    }

    /// Appends one code given bit by bit.
    public mutating func append(bits: [Bool]) {
        precondition(bits.count == bitCount, "expected \(bitCount) bits")
        var code = [UInt64](repeating: 0, count: wordsPerCode)
        for (index, bit) in bits.enumerated() where bit { code[index >> 6] |= 1 << UInt64(index & 63) }
        words.append(contentsOf: code)
    }

    /// The packed words of code `index`.
    public func code(_ index: Int) -> ArraySlice<UInt64> {
        words[(index * wordsPerCode)..<((index + 1) * wordsPerCode)]
    }

    /// Bit `bit` of code `index`.
    public func bit(_ bit: Int, of index: Int) -> Bool {
        words[index * wordsPerCode + bit >> 6] >> UInt64(bit & 63) & 1 == 1
    }

    /// Checks (in debug builds) that codes `first...` have zero padding bits.
    private func assertPaddingIsZero(from first: Int = 0) {
        #if DEBUG
        let padding = wordsPerCode * 64 - bitCount
        guard padding > 0 else { return }
        let mask = ~UInt64(0) << UInt64(64 - padding)
        for index in first..<count {
            assert(words[index * wordsPerCode + wordsPerCode - 1] & mask == 0, "padding bits must be zero")
        }
        #endif
    }
}

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
