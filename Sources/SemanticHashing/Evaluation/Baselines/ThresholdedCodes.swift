/// Binary hashes made by thresholding real values: bit j of row i is set when `values[i, j] > thresholds[j]`.
/// The common last step of the LSH and LSA-bits baselines.
enum ThresholdedCodes {
    static func make(_ values: Matrix, thresholds: [Float]) -> BinaryCodes {
        precondition(thresholds.count == values.columns, "one threshold per column")
        var codes = BinaryCodes(bitCount: values.columns)
        var words = [UInt64](repeating: 0, count: codes.wordsPerCode)
        for row in 0..<values.rows {
            for word in words.indices { words[word] = 0 }
            for bit in 0..<values.columns where values[row, bit] > thresholds[bit] {
                words[bit >> 6] |= 1 << UInt64(bit & 63)
            }
            codes.append(words: words)
        }
        return codes
    }
}
