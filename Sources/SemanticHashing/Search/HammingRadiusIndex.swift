/// An exact Hamming index that answers radius queries by looking codes up in hash tables instead of
/// scanning them all: `HammingBallIndex` for short codes, `MultiIndexHashing` for long ones.
///
/// Both return exactly what `HammingScan` returns for the same query, in the same (distance, index) order.
public protocol HammingRadiusIndex: Sendable {
    /// The indexed codes.
    var codes: BinaryCodes { get }

    /// Every code within Hamming distance `radius` of `query` (inclusive), in (distance, index) order.
    func within(radius: Int, of query: [UInt64]) -> [HammingNeighbor]

    /// The k codes nearest to `query` in (distance, index) order, found by growing the lookup radius until
    /// k codes are confirmed (with `includingTies`, also every code at the k-th distance, as
    /// `HammingScan.nearest`). Nil when that takes more than `workBudget` table lookups and candidate
    /// checks: the answer lies so far out that a scan is cheaper.
    func nearest(to query: [UInt64], k: Int, includingTies: Bool, workBudget: Int) -> [HammingNeighbor]?

    /// The number of table lookups `within(radius:of:)` makes, saturating at `Int.max`: its cost model.
    func probeCount(radius: Int) -> Int
}

/// Exact Hamming search that takes the cheaper of a radius index and the linear scan for each query.
///
/// Both give the same answer, so the choice is only about speed: the index when the lookups it needs stay
/// below N / `indexCostRatio` (see `SearchConfiguration`), the scan otherwise.
public struct HammingLookup: Sendable {
    public let scan: HammingScan
    public let index: (any HammingRadiusIndex)?
    public let indexCostRatio: Int

    public init(scan: HammingScan, index: (any HammingRadiusIndex)?, indexCostRatio: Int = 32) {
        precondition(index.map { $0.codes == scan.codes } ?? true, "the index and the scan must hold the same codes")
        self.scan = scan
        self.index = index
        self.indexCostRatio = indexCostRatio
    }

    private var workBudget: Int { max(64, scan.codes.count / indexCostRatio) }

    /// Every code within `radius` of `query`, in (distance, index) order.
    public func within(radius: Int, of query: [UInt64]) -> [HammingNeighbor] {
        if let index, index.probeCount(radius: radius) <= workBudget {
            return index.within(radius: radius, of: query)
        }
        return scan.within(radius: radius, of: query)
    }

    /// The k nearest codes (with `includingTies`, also all at the k-th distance), in (distance, index) order.
    public func nearest(to query: [UInt64], k: Int, includingTies: Bool) -> [HammingNeighbor] {
        if let index, let found = index.nearest(to: query, k: k, includingTies: includingTies,
                                                workBudget: workBudget) {
            return found
        }
        return scan.nearest(to: query, k: k, includingTies: includingTies)
    }
}
