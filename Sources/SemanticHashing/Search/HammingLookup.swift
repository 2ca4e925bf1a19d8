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
