/// Every `width`-bit mask with exactly `weight` bits set, in increasing numeric order.
///
/// XOR-ing a code with each of these enumerates the sphere of Hamming radius `weight` around it: the probes
/// of a Hamming-ball lookup (Salakhutdinov & Hinton, "Semantic hashing", 2009, section 4). There are
/// C(width, weight) masks; the next one is found in O(1) by Gosper's hack.
public struct BitMasksOfWeight: Sequence, Sendable {
    public let width: Int
    public let weight: Int

    public init(width: Int, weight: Int) {
        precondition((1...64).contains(width) && weight >= 0, "width is 1…64 bits, weight non-negative")
        self.width = width
        self.weight = weight
    }

    /// The number of masks, C(width, weight), saturating at `Int.max`.
    public var count: Int { Self.binomial(width, weight) }

    public func makeIterator() -> Iterator { Iterator(width: width, weight: weight) }

    public struct Iterator: IteratorProtocol, Sendable {
        private var upcoming: UInt64?
        private let width: Int

        init(width: Int, weight: Int) {
            self.width = width
            if weight > width {
                upcoming = nil
            } else {
                upcoming = weight == 64 ? ~0 : (1 << UInt64(weight)) - 1
            }
        }

        public mutating func next() -> UInt64? {
            guard let mask = upcoming else { return nil }
            if mask == 0 {
                upcoming = nil
                return mask
            }
            // Gosper's hack: the next larger integer with the same number of set bits.
            let lowest = mask & (~mask &+ 1)
            let ripple = mask &+ lowest
            let successor = ripple == 0 ? nil : ripple | (((mask ^ ripple) >> 2) / lowest)
            if let successor, width == 64 || successor >> UInt64(width) == 0, successor > mask {
                upcoming = successor
            } else {
                upcoming = nil
            }
            return mask
        }
    }

    /// C(n, r), saturating at `Int.max`.
    public static func binomial(_ n: Int, _ r: Int) -> Int {
        guard r >= 0, r <= n else { return 0 }
        let r = Swift.min(r, n - r)
        var result = 1
        for step in 0..<r {
            let (product, overflow) = result.multipliedReportingOverflow(by: n - step)
            if overflow { return Int.max }
            result = product / (step + 1)
        }
        return result
    }

    /// The number of `width`-bit masks with at most `radius` bits set (the volume of a Hamming ball),
    /// saturating at `Int.max`.
    public static func ballVolume(width: Int, radius: Int) -> Int {
        guard radius >= 0 else { return 0 }
        var total = 0
        for weight in 0...Swift.min(radius, width) {
            let (sum, overflow) = total.addingReportingOverflow(binomial(width, weight))
            if overflow { return Int.max }
            total = sum
        }
        return total
    }
}
