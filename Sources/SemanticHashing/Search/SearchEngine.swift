/// The search side of an index: owns the loaded codes and answers queries by Hamming, Euclidean, cosine or
/// cascade ranking, exactly, with results ordered as documented on `SearchHit`.
///
/// Top-k Hamming and Euclidean searches scan (`HammingScan`, `EuclideanScan`). Radius and cascade searches
/// go through a radius index built on first need: a `HammingBallIndex` when codes are short enough that
/// one table over whole codes is the multi-index choice (m = 1), `MultiIndexHashing` otherwise; each query
/// then takes the index or the scan, whichever is cheaper (`HammingLookup`). Adding or removing documents
/// drops the radius index, to be rebuilt on the next radius query (O(N)).
public struct SearchEngine: Sendable {
    public private(set) var codes: DocumentCodes
    public var configuration: SearchConfiguration {
        didSet { if configuration.substringCount != oldValue.substringCount { radiusIndex = nil } }
    }
    private var radiusIndex: (any HammingRadiusIndex)?
    /// The real codes scaled to unit length, for cosine searches: made on the first one.
    private var unitCodes: Matrix?

    public init(codes: DocumentCodes, configuration: SearchConfiguration = SearchConfiguration()) {
        self.codes = codes
        self.configuration = configuration
    }

    /// The documents best matching the query (real code `code`, hash `hash`) under `metric`: at most k hits.
    ///
    /// - `.hamming`: the k nearest hashes; with `radius`, the best k of those within it.
    /// - `.euclidean`: the k nearest real codes (`radius` must be nil).
    /// - `.cosine`: the k real codes of smallest angle to the query's (`radius` must be nil).
    /// - `.hybrid`: its code stage, as `.cosine` (the engine holds codes, not words: `IndexSearcher`
    ///   re-ranks with them).
    /// - `.cascade`: the Euclidean best k of the documents within `radius`, or, with no radius, within the
    ///   smallest radius holding `configuration.shortlistSize(k:)` documents.
    public mutating func search(code: [Float], hash: [UInt64], k: Int, metric: SearchMetric,
                                radius: Int? = nil) -> SearchResults {
        precondition(k >= 1, "k must be at least 1")
        precondition(code.count == codes.realCodes.columns, "the query has \(code.count) numbers, codes have \(codes.realCodes.columns)")
        precondition(codes.hashes.isValidQuery(hash), "the query hash must have \(codes.hashes.bitCount) bits")
        precondition(radius.map { $0 >= 0 } ?? true, "the radius must be non-negative")
        let k = min(k, max(codes.count, 1))
        let unitCode = unitLength(code)
        switch metric {
        case .hamming:
            let neighbors: [HammingNeighbor]
            if let radius {
                neighbors = lookup(buildingIndex: true).within(radius: radius, of: hash)
            } else if codes.count == 0 {
                neighbors = []
            } else {
                neighbors = lookup(buildingIndex: false).nearest(to: hash, k: k, includingTies: true)
            }
            let hits = neighbors.map { codes.hit($0.index, code: code, unitCode: unitCode, hash: hash) }
                .sorted(by: SearchOrder.hamming.areInIncreasingOrder)
                .prefix(k)
            return SearchResults(hits: Array(hits), hammingRadius: radius ?? hits.last?.hammingDistance,
                                 shortlistCount: nil)
        case .euclidean:
            precondition(radius == nil, "a Euclidean search takes no Hamming radius: use the cascade")
            let neighbors = codes.count == 0 ? []
                : EuclideanScan(codes: codes.realCodes, options: configuration.scan).nearest(to: code, k: k)
            return SearchResults(hits: neighbors.map { codes.hit($0.index, code: code, unitCode: unitCode, hash: hash) },
                                 hammingRadius: nil, shortlistCount: nil)
        case .cosine, .hybrid:
            precondition(radius == nil, "a \(metric) search takes no Hamming radius")
            guard codes.count > 0 else { return SearchResults(hits: [], hammingRadius: nil, shortlistCount: nil) }
            if unitCodes == nil { unitCodes = codes.realCodes.rowsScaledToUnitLength() }
            let neighbors = EuclideanScan(codes: unitCodes!, options: configuration.scan)
                .nearest(to: unitCode, k: k)
            return SearchResults(hits: neighbors.map { codes.hit($0.index, code: code, unitCode: unitCode, hash: hash) },
                                 hammingRadius: nil, shortlistCount: nil)
        case .cascade:
            return CascadeSearch(shortlistSize: configuration.shortlistSize(k: k))
                .search(code: code, hash: hash, k: k, radius: radius, in: codes,
                        lookup: lookup(buildingIndex: true))
        }
    }

    /// Builds the radius index now rather than on the first radius query.
    public mutating func prepareRadiusIndex() {
        guard radiusIndex == nil else { return }
        let count = configuration.substringCount
            ?? MultiIndexHashing.suggestedSubstringCount(bitCount: codes.hashes.bitCount, codeCount: codes.count)
        radiusIndex = count == 1 && codes.hashes.bitCount <= 64
            ? HammingBallIndex(codes: codes.hashes)
            : MultiIndexHashing(codes: codes.hashes, substringCount: count)
    }

    /// The radius index in use, if built: a `HammingBallIndex` or a `MultiIndexHashing`.
    public var preparedRadiusIndex: (any HammingRadiusIndex)? { radiusIndex }

    /// Scales the real codes to unit length now rather than on the first cosine or hybrid search, so that
    /// copies of this engine (a server copies its snapshot into each request) share them instead of each
    /// scaling every code again.
    public mutating func prepareUnitCodes() {
        if unitCodes == nil { unitCodes = codes.realCodes.rowsScaledToUnitLength() }
    }

    /// The real codes scaled to unit length, if made (by `prepareUnitCodes` or a cosine search on this copy).
    public var preparedUnitCodes: Matrix? { unitCodes }

    /// Takes out the documents whose id is in `changed` and appends `added` (their new codes; every id of
    /// `added` is in `changed`) in one copy of the codes (`DocumentCodes.replacing`). Drops the radius index,
    /// to be rebuilt (`prepareRadiusIndex`).
    public mutating func replace(_ changed: Set<Int64>, with added: DocumentCodes) throws {
        codes = try codes.replacing(changed, with: added)
        radiusIndex = nil
        unitCodes = nil
    }

    private mutating func lookup(buildingIndex: Bool) -> HammingLookup {
        if buildingIndex { prepareRadiusIndex() }
        return HammingLookup(scan: HammingScan(codes: codes.hashes, options: configuration.scan),
                             index: radiusIndex, indexCostRatio: configuration.indexCostRatio)
    }
}
