/// Exact Euclidean k-nearest search over real codes by scanning every row.
///
/// Cost: O(N·dims) per query, parallel over chunks like `HammingScan` with results independent of the
/// thread count. Distances come from `squaredEuclideanDistance`, so they equal the distances the engine
/// reports and uses to break Hamming ties. A BLAS formulation (‖x‖² − 2x·q + ‖q‖²) would batch many
/// queries, but rounds differently from the direct sum; codes are short (10 numbers), so the direct loop
/// is already memory-bound.
public struct EuclideanScan: Sendable {
    /// The real codes, one per row.
    public let codes: Matrix
    public var options: ScanOptions

    public init(codes: Matrix, options: ScanOptions = ScanOptions()) {
        self.codes = codes
        self.options = options
    }

    /// The k rows nearest to `query` (`codes.columns` values), in (squared distance, index) order.
    /// Codes must be finite.
    public func nearest(to query: [Float], k: Int) -> [EuclideanNeighbor] {
        precondition(query.count == codes.columns, "the query has \(query.count) values, codes \(codes.columns)")
        let columns = codes.columns
        let chunks = codes.values.withUnsafeBufferPointer { values in
            query.withUnsafeBufferPointer { query in
                ParallelWork.map(count: codes.rows, chunkSize: options.chunkSize,
                                 threads: options.threads(forCodes: codes.rows)) { range in
                    var selection = EuclideanSelection(k: k)
                    guard let base = values.baseAddress, let queryBase = query.baseAddress else {
                        for index in range { selection.offer(EuclideanNeighbor(index: index, squaredDistance: 0)) }
                        return selection
                    }
                    for index in range {
                        let distance = squaredEuclideanDistance(base + index * columns, queryBase, count: columns)
                        selection.offer(EuclideanNeighbor(index: index, squaredDistance: distance))
                    }
                    return selection
                }
            }
        }
        var merged = chunks[0]
        for chunk in chunks.dropFirst() { merged.absorb(chunk) }
        return merged.neighbors()
    }
}
