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
        let k = min(k, max(codes.rows, 1))
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

/// The k smallest `EuclideanNeighbor`s offered, kept in a max-heap of size k: O(log k) per code that beats
/// the current k-th, one comparison for the others. Distances are real numbers, so there is no bucketing
/// as in `HammingSelection`.
struct EuclideanSelection {
    let k: Int
    private var heap: [EuclideanNeighbor] = []

    init(k: Int) {
        precondition(k >= 1, "k must be at least 1")
        self.k = k
        heap.reserveCapacity(k)
    }

    /// The k-th smallest distance so far, or infinity while fewer than k were offered: a code farther than
    /// this cannot enter.
    @inline(__always)
    var bound: Float { heap.count < k ? .infinity : heap[0].squaredDistance }

    @inline(__always)
    mutating func offer(_ neighbor: EuclideanNeighbor) {
        if neighbor.squaredDistance <= bound { insert(neighbor) }
    }

    mutating func absorb(_ other: EuclideanSelection) {
        for neighbor in other.heap { offer(neighbor) }
    }

    /// The selected neighbours in (squared distance, index) order.
    func neighbors() -> [EuclideanNeighbor] { heap.sorted() }

    private mutating func insert(_ neighbor: EuclideanNeighbor) {
        if heap.count < k {
            heap.append(neighbor)
            var child = heap.count - 1
            while child > 0, heap[(child - 1) / 2] < heap[child] {
                heap.swapAt(child, (child - 1) / 2)
                child = (child - 1) / 2
            }
        } else if neighbor < heap[0] {
            heap[0] = neighbor
            var parent = 0
            while true {
                let left = 2 * parent + 1
                var largest = parent
                if left < k, heap[largest] < heap[left] { largest = left }
                if left + 1 < k, heap[largest] < heap[left + 1] { largest = left + 1 }
                if largest == parent { break }
                heap.swapAt(parent, largest)
                parent = largest
            }
        }
    }
}

/// A row found by a Euclidean search: its index and its squared Euclidean distance to the query.
///
/// Ordered by (squared distance, index): the order `EuclideanScan` returns, and `SearchHit`'s Euclidean
/// order. Squared distances order the same as distances and are what is computed, so no square root can
/// merge two distinct distances into a tie.
public struct EuclideanNeighbor: Hashable, Comparable, Sendable {
    public let index: Int
    public let squaredDistance: Float

    public init(index: Int, squaredDistance: Float) {
        self.index = index
        self.squaredDistance = squaredDistance
    }

    public static func < (lhs: EuclideanNeighbor, rhs: EuclideanNeighbor) -> Bool {
        (lhs.squaredDistance, lhs.index) < (rhs.squaredDistance, rhs.index)
    }
}
