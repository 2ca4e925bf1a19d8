/// `LexicalReranking` as a full ranking, the `hybrid` answer of `ask`: for each query the `shortlistSize`
/// documents nearest by cosine distance of real codes come first, in the order the fusion of
/// their code distances and BM25 scores gives; every other document follows in code order. For k up to the
/// shortlist size its top k is `ask`'s answer (up to the rounding of near-tied code distances, which this
/// method computes through BLAS).
public struct HybridCodes: RetrievalMethod {
    public let name: String
    private let codes: CosineCodes
    private let scorer: BM25Scorer
    private let databaseBags: [BagOfWords]
    private let queryBags: [BagOfWords]
    public let reranking: LexicalReranking

    /// - Parameters:
    ///   - scorer: BM25 with the index's document frequencies.
    ///   - databaseBags, queryBags: the bags aligned with the rows of the codes.
    public init(name: String, databaseCodes: Matrix, queryCodes: Matrix, databaseBags: [BagOfWords],
                queryBags: [BagOfWords], scorer: BM25Scorer, reranking: LexicalReranking) {
        precondition(databaseBags.count == databaseCodes.rows && queryBags.count == queryCodes.rows,
                     "one bag per code")
        self.name = name
        codes = CosineCodes(name: name, database: databaseCodes, queries: queryCodes)
        self.scorer = scorer
        self.databaseBags = databaseBags
        self.queryBags = queryBags
        self.reranking = reranking
    }

    public var metric: String { SearchMetric.hybrid.rawValue }
    public var distanceKind: DistanceKind { .continuous }
    public var databaseCount: Int { codes.databaseCount }
    public var queryCount: Int { codes.queryCount }

    public func distances(forQueries range: Range<Int>, into buffer: UnsafeMutableBufferPointer<Float>) {
        codes.distances(forQueries: range, into: buffer)
        let count = databaseCount
        let size = min(reranking.shortlistSize, count)
        guard size > 0 else { return }
        for (row, query) in range.enumerated() {
            let distances = UnsafeMutableBufferPointer(rebasing: buffer[(row * count)..<((row + 1) * count)])
            let shortlist = Self.nearest(size, of: distances)
            let scores = reranking.lexicalScores(query: queryBags[query], shortlist: shortlist.map { databaseBags[$0] },
                                                 scorer: scorer)
            // Shortlisted documents take distances -size...-1 in fused order, below every cosine distance (≥ 0).
            let order = reranking.fusedOrder(codeDistances: shortlist.map { Double(distances[$0]) }, lexicalScores: scores)
            for (place, position) in order.enumerated() {
                distances[shortlist[position]] = Float(place - size)
            }
        }
    }

    /// The `size` smallest distances' positions, in (distance, position) order: the bounded selection the
    /// engine's scans use (`EuclideanSelection` keeps the smallest (value, index) pairs whatever the value
    /// measures), O(N log size).
    private static func nearest(_ size: Int, of distances: UnsafeMutableBufferPointer<Float>) -> [Int] {
        var selection = EuclideanSelection(k: size)
        for (position, distance) in distances.enumerated() {
            selection.offer(EuclideanNeighbor(index: position, squaredDistance: distance))
        }
        return selection.neighbors().map(\.index)
    }
}
