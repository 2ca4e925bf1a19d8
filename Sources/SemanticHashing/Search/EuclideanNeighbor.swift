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
