/// Exact Hamming-ball lookup for short codes: one hash table from each code to the documents that have it,
/// probed at every code within the query radius (Salakhutdinov & Hinton, "Semantic hashing", 2009,
/// section 4: the code is a memory address, and documents similar to the query sit at nearby addresses).
///
/// A radius-R query makes Σ_{r≤R} C(bits, r) lookups whatever the number of codes, so it suits codes of up to
/// about 32 bits and small radii; longer codes want `MultiIndexHashing`. Memory: 4 bytes per code plus the
/// table.
public struct HammingBallIndex: HammingRadiusIndex {
    public let codes: BinaryCodes
    private let table: CodeTable

    /// Indexes `codes` (at most 64 bits each) in O(N) (codes of ≤ 16 bits, or ≤ log₂ 8N) or O(N log N).
    public init(codes: BinaryCodes) {
        precondition(codes.bitCount <= 64, "a Hamming-ball index takes codes of at most 64 bits")
        self.codes = codes
        table = codes.words.withUnsafeBufferPointer { words in
            CodeTable(keyBits: codes.bitCount, count: codes.count) { words[$0] }
        }
    }

    public func within(radius: Int, of query: [UInt64]) -> [HammingNeighbor] {
        precondition(radius >= 0, "the radius must be non-negative")
        precondition(codes.isValidQuery(query), "the query must be a \(codes.bitCount)-bit code")
        return (0...min(radius, codes.bitCount)).flatMap { sphere(radius: $0, around: query[0]) }
    }

    public func nearest(to query: [UInt64], k: Int, includingTies: Bool, workBudget: Int) -> [HammingNeighbor]? {
        precondition(k >= 1, "k must be at least 1")
        precondition(codes.isValidQuery(query), "the query must be a \(codes.bitCount)-bit code")
        var found: [HammingNeighbor] = []
        var work = 0
        for radius in 0...codes.bitCount where found.count < k {
            work += BitMasksOfWeight.binomial(codes.bitCount, radius)
            guard work <= workBudget else { return nil }
            found += sphere(radius: radius, around: query[0])
            work += found.count
        }
        return includingTies || found.count <= k ? found : Array(found.prefix(k))
    }

    public func probeCount(radius: Int) -> Int {
        BitMasksOfWeight.ballVolume(width: codes.bitCount, radius: radius)
    }

    /// The codes at distance exactly `radius` from `query`, in index order.
    private func sphere(radius: Int, around query: UInt64) -> [HammingNeighbor] {
        var indices: [Int] = []
        for mask in BitMasksOfWeight(width: codes.bitCount, weight: radius) {
            for posting in table.range(of: query ^ mask) { indices.append(Int(table.postings[posting])) }
        }
        return indices.sorted().map { HammingNeighbor(index: $0, distance: radius) }
    }
}
