/// Top-k selection over Hamming distances by bucketing on the distance, for codes offered in increasing
/// index order.
///
/// Distances are small integers 0…bits, so instead of a heap the selection counts the offered codes per
/// distance and keeps a cutoff: the smallest distance `c` at which at least k codes have distance ≤ c. A
/// code farther than the cutoff can never enter the top k, and neither can one at the cutoff in index order
/// (the kept ones at that distance came earlier), so the scan loop rejects almost every code with one
/// comparison against `acceptBound`. Kept codes are stored as `distance << 40 | index` in offer order and
/// pruned when the cutoff has left many behind; `neighbors()` orders them by a stable counting sort on the
/// distance, which yields the (distance, index) order.
///
/// With `keepsTies` every code at the final cutoff distance is kept, so a caller can break those ties by
/// another key (the engine uses real-code Euclidean distance).
struct HammingSelection {
    let k: Int
    let keepsTies: Bool
    /// The smallest distance at which the kept codes reach k, or `maxDistance + 1` while they do not.
    private(set) var cutoff: Int
    /// How many kept codes lie strictly below `cutoff`.
    private var belowCutoff = 0
    private var counts: [Int]
    private var kept: [UInt64] = []
    private var pruneAt: Int

    /// A selection of the k nearest codes with distance at most `maxDistance` (the code length for a
    /// k-nearest search; the radius for a radius search, with `k = Int.max`).
    init(k: Int, maxDistance: Int, keepsTies: Bool) {
        precondition(k >= 1 && maxDistance >= 0, "k is at least 1 and the distance bound non-negative")
        self.k = k
        self.keepsTies = keepsTies
        cutoff = maxDistance + 1
        counts = [Int](repeating: 0, count: maxDistance + 2)
        pruneAt = k >= Int.max / 4 ? Int.max : max(4 * k, 256)
    }

    /// Codes at a distance below this bound may enter the selection; others cannot.
    @inline(__always)
    var acceptBound: Int { keepsTies ? cutoff + 1 : cutoff }

    /// Offers code `index` at `distance`; codes must be offered in increasing index order.
    @inline(__always)
    mutating func offer(distance: Int, index: Int) {
        if distance < acceptBound { keep(distance: distance, index: index) }
    }

    @inline(never)
    private mutating func keep(distance: Int, index: Int) {
        kept.append(UInt64(truncatingIfNeeded: distance) << 40 | UInt64(truncatingIfNeeded: index))
        counts[distance] += 1
        if distance < cutoff {
            belowCutoff += 1
            while belowCutoff >= k {
                cutoff -= 1
                belowCutoff -= counts[cutoff]
            }
        }
        if kept.count >= pruneAt { prune() }
    }

    /// Drops the kept codes beyond the cutoff.
    private mutating func prune() {
        let bound = UInt64(cutoff)
        kept.removeAll { $0 >> 40 > bound }
        for distance in (cutoff + 1)..<counts.count { counts[distance] = 0 }
        pruneAt = max(pruneAt, 2 * kept.count)
    }

    /// Offers every code kept by `other`, a selection over later indices than any offered here so far.
    mutating func absorb(_ other: HammingSelection) {
        for packed in other.kept {
            offer(distance: Int(packed >> 40), index: Int(packed & (1 << 40 - 1)))
        }
    }

    /// The selected codes in (distance, index) order: the first k, or with `keepsTies` every code up to the
    /// cutoff distance inclusive (k or more whenever k codes were offered).
    func neighbors() -> [HammingNeighbor] {
        let last = min(cutoff, counts.count - 1)
        var starts = [Int](repeating: 0, count: last + 2)
        for packed in kept where Int(packed >> 40) <= last { starts[Int(packed >> 40) + 1] += 1 }
        for distance in 0...last { starts[distance + 1] += starts[distance] }
        let total = starts[last + 1]
        var ordered = [HammingNeighbor](repeating: HammingNeighbor(index: 0, distance: 0), count: total)
        for packed in kept where Int(packed >> 40) <= last {
            let distance = Int(packed >> 40)
            ordered[starts[distance]] = HammingNeighbor(index: Int(packed & (1 << 40 - 1)), distance: distance)
            starts[distance] += 1
        }
        return keepsTies || ordered.count <= k ? ordered : Array(ordered.prefix(k))
    }
}

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
