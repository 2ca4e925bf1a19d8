/// Semantic hashing's retrieval pipeline (Salakhutdinov & Hinton, "Semantic hashing", 2009, section 4):
/// every document within Hamming radius R of the query's hash is a candidate, and the candidates are
/// re-ranked by the Euclidean distance between real codes.
///
/// R is either given, or grown from 0 until at least `shortlistSize` documents lie inside (all documents
/// at the final radius are kept, so the shortlist can be larger). The answer is exactly the Euclidean
/// top-k of that shortlist, in `SearchOrder.euclidean`.
public struct CascadeSearch: Sendable {
    /// The minimum shortlist size S when the radius grows.
    public let shortlistSize: Int

    public init(shortlistSize: Int) {
        precondition(shortlistSize >= 1, "the shortlist holds at least one document")
        self.shortlistSize = shortlistSize
    }

    /// The k best documents of the shortlist for the query (`code`, `hash`), with the radius used and the
    /// shortlist size.
    public func search(code: [Float], hash: [UInt64], k: Int, radius: Int?, in codes: DocumentCodes,
                       lookup: HammingLookup) -> SearchResults {
        precondition(k >= 1, "k must be at least 1")
        let shortlist: [HammingNeighbor]
        let usedRadius: Int
        if let radius {
            shortlist = lookup.within(radius: radius, of: hash)
            usedRadius = radius
        } else if codes.count == 0 {
            shortlist = []
            usedRadius = 0
        } else {
            shortlist = lookup.nearest(to: hash, k: shortlistSize, includingTies: true)
            usedRadius = shortlist.last?.distance ?? 0
        }
        let unitCode = unitLength(code)
        let ranked = shortlist
            .map { codes.hit($0.index, code: code, unitCode: unitCode, hash: hash) }
            .sorted(by: SearchOrder.euclidean.areInIncreasingOrder)
        return SearchResults(hits: Array(ranked.prefix(k)), hammingRadius: usedRadius,
                             shortlistCount: shortlist.count)
    }
}
