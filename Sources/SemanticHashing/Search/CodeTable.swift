/// A map from a key of up to 64 bits (a whole short code, or one substring of a long code) to the list of
/// code indices with that key, in increasing index order: one hash table of a Hamming-ball or multi-index
/// lookup.
///
/// All lists live in one `postings` array; a key maps to a range of it. Small key spaces (at most
/// max(2¹⁶, 8·N) keys: at most 32 bytes of offsets per code) use direct addressing, an offsets array
/// indexed by the key, built by counting sort in O(N + 2^bits); larger ones an open-addressing table
/// (linear probing, Fibonacci hashing, at most half full) built from the codes sorted by key in
/// O(N log N). A lookup touches one or two cache lines either way.
struct CodeTable: Sendable {
    let keyBits: Int
    /// The code indices grouped by key.
    let postings: [UInt32]
    private let storage: Storage

    private enum Storage: Sendable {
        /// `offsets[key]..<offsets[key + 1]` is the key's range of `postings`.
        case direct(offsets: [UInt32])
        /// Slots of `(key, start, end)`; `end == 0` marks an empty slot.
        case hashed(slots: [Slot], shift: UInt64)
    }

    private struct Slot: Sendable {
        var key: UInt64
        var start: UInt32
        var end: UInt32
    }

    /// A table over `count` codes whose keys are `key(index)`, each below 2^keyBits.
    init(keyBits: Int, count: Int, key: (Int) -> UInt64) {
        precondition((1...64).contains(keyBits), "keys have 1…64 bits")
        precondition(count < Int(UInt32.max), "a table holds fewer than 2³² codes")
        self.keyBits = keyBits
        if keyBits < 32, 1 << keyBits <= max(1 << 16, 8 * count) {
            (storage, postings) = Self.directlyAddressed(keyBits: keyBits, count: count, key: key)
        } else {
            (storage, postings) = Self.hashed(count: count, key: key)
        }
    }

    /// The range of `postings` holding the indices of the codes whose key is `key`.
    @inline(__always)
    func range(of key: UInt64) -> Range<Int> {
        switch storage {
        case let .direct(offsets):
            guard key >> UInt64(keyBits) == 0 else { return 0..<0 }
            return Int(offsets[Int(key)])..<Int(offsets[Int(key) + 1])
        case let .hashed(slots, shift):
            let mask = slots.count - 1
            var slot = Self.hash(key, shift: shift)
            while slots[slot].end != 0 {
                if slots[slot].key == key { return Int(slots[slot].start)..<Int(slots[slot].end) }
                slot = (slot + 1) & mask
            }
            return 0..<0
        }
    }

    @inline(__always)
    private static func hash(_ key: UInt64, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    private static func directlyAddressed(keyBits: Int, count: Int,
                                          key: (Int) -> UInt64) -> (Storage, [UInt32]) {
        // Counts per key, then running totals: offsets[key] is the end of the key's range. Filling from the
        // last code down moves each offsets[key] to the start of its range and leaves the indices ascending.
        var offsets = [UInt32](repeating: 0, count: (1 << keyBits) + 1)
        for index in 0..<count { offsets[Int(key(index))] += 1 }
        for slot in 1..<(1 << keyBits) { offsets[slot] += offsets[slot - 1] }
        offsets[1 << keyBits] = UInt32(count)
        var postings = [UInt32](repeating: 0, count: count)
        for index in (0..<count).reversed() {
            let slot = Int(key(index))
            offsets[slot] -= 1
            postings[Int(offsets[slot])] = UInt32(index)
        }
        return (.direct(offsets: offsets), postings)
    }

    private static func hashed(count: Int, key: (Int) -> UInt64) -> (Storage, [UInt32]) {
        let keys = (0..<count).map(key)
        let order = (0..<count).sorted { (keys[$0], $0) < (keys[$1], $1) }
        let groupStarts = order.indices.filter { $0 == 0 || keys[order[$0]] != keys[order[$0 - 1]] }
        var capacityBits = 1
        while 1 << capacityBits < 2 * groupStarts.count { capacityBits += 1 }
        let shift = UInt64(64 - capacityBits)
        var slots = [Slot](repeating: Slot(key: 0, start: 0, end: 0), count: 1 << capacityBits)
        for (group, start) in groupStarts.enumerated() {
            let end = group + 1 < groupStarts.count ? groupStarts[group + 1] : count
            let groupKey = keys[order[start]]
            var slot = hash(groupKey, shift: shift)
            while slots[slot].end != 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = Slot(key: groupKey, start: UInt32(start), end: UInt32(end))
        }
        return (.hashed(slots: slots, shift: shift), order.map { UInt32($0) })
    }
}
