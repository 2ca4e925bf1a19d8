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
