/// One document found by a search, with both of its distances to the query.
///
/// Ordering, defined here once for the whole search layer:
/// - `SearchOrder.hamming` — by Hamming distance, then by real-code squared Euclidean distance, then by
///   index ascending. Without real codes (zero columns) every Euclidean distance is 0 and this is
///   (Hamming distance, index), the order of `HammingNeighbor`.
/// - `SearchOrder.euclidean` — by squared Euclidean distance, then by index ascending (`EuclideanNeighbor`);
///   used by Euclidean and cascade searches.
/// - `SearchOrder.cosine` — by cosine distance, then by index ascending; used by cosine searches.
/// The index is the document's position in the loaded codes, so every order is total and a search's answer
/// does not depend on how it was computed (scan, index, thread count).
public struct SearchHit: Hashable, Sendable, CustomStringConvertible {
    /// The position of the document in the engine's codes (changes when documents are removed).
    public let index: Int
    /// The document's id in the index file.
    public let id: Int64
    /// The number of bits in which the document's hash differs from the query's.
    public let hammingDistance: Int
    /// The squared Euclidean distance between the document's real code and the query's.
    public let squaredEuclideanDistance: Float
    /// The cosine distance 1 − cos between the real codes, computed as half the squared distance between the
    /// codes scaled to unit length (`unitLength(_:)`): the value a cosine search ranks by.
    public let cosineDistance: Float

    public init(index: Int, id: Int64, hammingDistance: Int, squaredEuclideanDistance: Float,
                cosineDistance: Float = 1) {
        self.index = index
        self.id = id
        self.hammingDistance = hammingDistance
        self.squaredEuclideanDistance = squaredEuclideanDistance
        self.cosineDistance = cosineDistance
    }

    /// The Euclidean distance between the real codes.
    public var euclideanDistance: Float { squaredEuclideanDistance.squareRoot() }

    public var description: String {
        "#\(index) id \(id): hamming \(hammingDistance), euclidean² \(squaredEuclideanDistance)"
    }
}

/// The orders search results come in; see `SearchHit`.
public enum SearchOrder: Sendable {
    case hamming
    case euclidean
    case cosine

    /// Whether `a` comes before `b` in this order: a strict total order on hits of one search.
    public func areInIncreasingOrder(_ a: SearchHit, _ b: SearchHit) -> Bool {
        switch self {
        case .hamming:
            return (a.hammingDistance, a.squaredEuclideanDistance, a.index)
                < (b.hammingDistance, b.squaredEuclideanDistance, b.index)
        case .euclidean:
            return (a.squaredEuclideanDistance, a.index) < (b.squaredEuclideanDistance, b.index)
        case .cosine:
            return (a.cosineDistance, a.index) < (b.cosineDistance, b.index)
        }
    }
}

extension DocumentCodes {
    /// The hit for document `index` against a query (`unitCode` is the query's code scaled by `unitLength(_:)`,
    /// computed once per search), with all its distances.
    func hit(_ index: Int, code: [Float], unitCode: [Float], hash: [UInt64]) -> SearchHit {
        SearchHit(index: index, id: ids[index], hammingDistance: hashes.distance(index, to: hash),
                  squaredEuclideanDistance: realCodes.squaredDistance(row: index, to: code),
                  cosineDistance: realCodes.cosineDistance(row: index, toUnit: unitCode))
    }
}

/// The answer to one search, with the statistics of how it was found.
public struct SearchResults: Sendable, Equatable {
    /// The hits, best first, in the metric's `SearchOrder` (a hybrid search: in fused order).
    public let hits: [SearchHit]
    /// The Hamming radius the answer was drawn from: the radius asked for, the radius the cascade grew to,
    /// or for a Hamming top-k the distance of the farthest hit. Nil for a Euclidean search.
    public let hammingRadius: Int?
    /// The number of documents the cascade re-ranked by Euclidean distance, or the hybrid search re-ranked
    /// with their words; nil for other searches.
    public let shortlistCount: Int?
    /// For a hybrid search, each hit's fusion distance (`LexicalReranking.fused`), non-decreasing; nil for
    /// other searches.
    public let fusionDistances: [Double]?

    public init(hits: [SearchHit], hammingRadius: Int?, shortlistCount: Int?, fusionDistances: [Double]? = nil) {
        precondition(fusionDistances.map { $0.count == hits.count } ?? true, "one fusion distance per hit")
        self.hits = hits
        self.hammingRadius = hammingRadius
        self.shortlistCount = shortlistCount
        self.fusionDistances = fusionDistances
    }
}
