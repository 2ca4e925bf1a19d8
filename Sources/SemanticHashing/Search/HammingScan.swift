/// Exact Hamming search by scanning every code: the reference the indexes are checked against, and the
/// fastest exact k-nearest search when the answer lies far from the query.
///
/// Cost: one XOR + popcount per code word per query (see `HammingScanKernel`), O(N·words) time, no memory
/// beyond the result. Top-k selection buckets the distances (`HammingSelection`) instead of sorting. Large
/// scans split into chunks over `options.threads` threads; several queries at once are scanned block by
/// block so that each block of codes is read from memory once for all of them. Results are in
/// (distance, index) order and do not depend on the thread count or block size.
public struct HammingScan: Sendable {
    public let codes: BinaryCodes
    public var options: ScanOptions

    public init(codes: BinaryCodes, options: ScanOptions = ScanOptions()) {
        self.codes = codes
        self.options = options
    }

    /// The k codes nearest to `query` (packed like `codes`), in (distance, index) order. With
    /// `includingTies`, every code at the k-th distance is returned too, so that the caller can break those
    /// ties by another key; the result then has k or more codes.
    public func nearest(to query: [UInt64], k: Int, includingTies: Bool = false) -> [HammingNeighbor] {
        precondition(codes.isValidQuery(query), "the query must be a \(codes.bitCount)-bit code")
        return nearest(to: BinaryCodes(bitCount: codes.bitCount, words: query), k: k, includingTies: includingTies)[0]
    }

    /// `nearest(to:k:includingTies:)` for each code of `queries`, scanned together.
    public func nearest(to queries: BinaryCodes, k: Int, includingTies: Bool = false) -> [[HammingNeighbor]] {
        precondition(k >= 1, "k must be at least 1")
        return run(queries: queries) {
            HammingSelection(k: k, maxDistance: codes.bitCount, keepsTies: includingTies)
        }
    }

    /// Every code within Hamming distance `radius` of `query` (inclusive), in (distance, index) order.
    public func within(radius: Int, of query: [UInt64]) -> [HammingNeighbor] {
        precondition(radius >= 0, "the radius must be non-negative")
        precondition(codes.isValidQuery(query), "the query must be a \(codes.bitCount)-bit code")
        return run(queries: BinaryCodes(bitCount: codes.bitCount, words: query)) {
            HammingSelection(k: .max, maxDistance: min(radius, codes.bitCount), keepsTies: false)
        }[0]
    }

    private func run(queries: BinaryCodes, selection: () -> HammingSelection) -> [[HammingNeighbor]] {
        precondition(queries.bitCount == codes.bitCount, "queries have \(queries.bitCount) bits, codes \(codes.bitCount)")
        precondition(codes.count < 1 << 40, "a scan takes fewer than 2⁴⁰ codes")
        let empty = selection()
        let wordsPerCode = codes.wordsPerCode
        let blockSize = options.blockSize
        let chunks = codes.words.withUnsafeBufferPointer { codeWords in
            queries.words.withUnsafeBufferPointer { queryWords in
                ParallelWork.map(count: codes.count, chunkSize: options.chunkSize,
                                 threads: options.threads(forCodes: codes.count)) { range -> [HammingSelection] in
                    var selections = [HammingSelection](repeating: empty, count: queries.count)
                    guard let base = codeWords.baseAddress, let queryBase = queryWords.baseAddress else {
                        return selections
                    }
                    selections.withUnsafeMutableBufferPointer { selections in
                        var blockStart = range.lowerBound
                        while blockStart < range.upperBound {
                            let block = blockStart..<min(range.upperBound, blockStart + blockSize)
                            for query in 0..<selections.count {
                                HammingScanKernel.scan(codes: base, wordsPerCode: wordsPerCode, range: block,
                                                       query: queryBase + query * wordsPerCode,
                                                       into: &selections[query])
                            }
                            blockStart = block.upperBound
                        }
                    }
                    return selections
                }
            }
        }
        return (0..<queries.count).map { query in
            var merged = chunks[0][query]
            for chunk in chunks.dropFirst() { merged.absorb(chunk[query]) }
            return merged.neighbors()
        }
    }
}
