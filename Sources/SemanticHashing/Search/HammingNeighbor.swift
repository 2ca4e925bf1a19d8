/// A code found by a Hamming search: its position in the searched `BinaryCodes` and its Hamming distance to
/// the query.
///
/// Ordered by (distance, index): every Hamming search below the engine returns its neighbours in this order,
/// which is `SearchHit`'s Hamming order when there are no real codes to break distance ties.
public struct HammingNeighbor: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The position of the code in the searched set.
    public let index: Int
    /// The number of bits in which the code differs from the query.
    public let distance: Int

    public init(index: Int, distance: Int) {
        self.index = index
        self.distance = distance
    }

    public static func < (lhs: HammingNeighbor, rhs: HammingNeighbor) -> Bool {
        (lhs.distance, lhs.index) < (rhs.distance, rhs.index)
    }

    public var description: String { "#\(index)@\(distance)" }
}
