#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the tokenizer does with a case-folded word: drop it (a stop word) or emit a term (its stem), with
/// the word itself as a `String` so that reporting the surface form of a term allocates nothing per token.
enum TermDisposition {
    case drop
    case emit(term: String, word: String)
}

/// A hash table from case-folded words, given as UTF-8 bytes, to their `TermDisposition`.
///
/// The tokenizer's fast path: a hit hashes the bytes, reads one slot and one entry, and creates no
/// `String`. The table is memory-latency bound, so it is laid out to touch few cache lines: each slot packs
/// 32 bits of the hash beside the entry number, so that other words in the probe sequence are rejected
/// without reading their entries, and each entry holds the first 16 bytes of its word inline (longer words
/// continue in a byte arena). Linear probing in a power-of-two slot array kept at most half full. Holds at
/// most `capacity` words; later words are not remembered.
struct TermCache {
    private struct Entry {
        /// The first 16 bytes of the word, zero-padded, as two little-endian words.
        var head: (UInt64, UInt64)
        var length: Int
        /// Where bytes 16... of the word start in the arena (unused for words of 16 bytes or less).
        var tailOffset: Int
        var disposition: TermDisposition
    }

    let capacity: Int
    private var entries: [Entry] = []
    private var arena: [UInt8] = []
    /// For each slot, 0 when empty, else the upper 32 bits of the word's hash and its entry index plus one.
    private var slots: [UInt64]

    init(capacity: Int) {
        precondition(capacity >= 0 && capacity < Int(UInt32.max), "the cache capacity must fit in 32 bits")
        self.capacity = capacity
        slots = [UInt64](repeating: 0, count: 1024)
    }

    var count: Int { entries.count }

    /// The disposition remembered for `word`, or nil.
    func disposition(of word: UnsafeBufferPointer<UInt8>) -> TermDisposition? {
        let head = Self.head(of: word)
        let hash = Self.hash(word, head: head)
        let tag = hash & 0xFFFF_FFFF_0000_0000
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let packed = slots[slot]
            if packed == 0 { return nil }
            if packed & 0xFFFF_FFFF_0000_0000 == tag {
                let entry = entries[Int(packed & 0xFFFF_FFFF) - 1]
                if entry.length == word.count && entry.head == head && tailMatches(entry, word) {
                    return entry.disposition
                }
            }
            slot = (slot + 1) & mask
        }
    }

    /// Remembers `disposition` for `word` (not already present) unless the cache is full.
    mutating func insert(_ word: UnsafeBufferPointer<UInt8>, _ disposition: TermDisposition) {
        guard entries.count < capacity else { return }
        if 2 * (entries.count + 1) > slots.count { grow() }
        let head = Self.head(of: word)
        entries.append(Entry(head: head, length: word.count, tailOffset: arena.count, disposition: disposition))
        if word.count > 16 { arena.append(contentsOf: word[16...]) }
        place(entry: entries.count, hash: Self.hash(word, head: head))
    }

    private func tailMatches(_ entry: Entry, _ word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard word.count > 16 else { return true }
        return arena.withUnsafeBufferPointer {
            memcmp($0.baseAddress! + entry.tailOffset, word.baseAddress! + 16, word.count - 16) == 0
        }
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: old.count * 2)
        let mask = slots.count - 1
        for packed in old where packed != 0 {
            // The slot index came from the hash's lower bits, which the packed tag lacks: rehash the word.
            let entry = entries[Int(packed & 0xFFFF_FFFF) - 1]
            let hash = wordBytes(of: entry) { Self.hash($0, head: entry.head) }
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = packed
        }
    }

    private mutating func place(entry: Int, hash: UInt64) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = hash & 0xFFFF_FFFF_0000_0000 | UInt64(entry)
    }

    /// Calls `body` with the full bytes of an entry's word.
    private func wordBytes<Result>(of entry: Entry, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        var bytes = withUnsafeBytes(of: entry.head) { Array($0.prefix(min(entry.length, 16))) }
        if entry.length > 16 { bytes += arena[entry.tailOffset..<(entry.tailOffset + entry.length - 16)] }
        return bytes.withUnsafeBufferPointer(body)
    }

    private static func head(of word: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
        var head: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &head) { raw in
            if let base = word.baseAddress { raw.baseAddress!.copyMemory(from: base, byteCount: min(word.count, 16)) }
        }
        return head
    }

    /// A hash of the whole word: its first 16 bytes and length mixed, then the FNV-1a of the rest, finished
    /// with MurmurHash3's 64-bit mix so that every bit depends on every byte.
    private static func hash(_ word: UnsafeBufferPointer<UInt8>, head: (UInt64, UInt64)) -> UInt64 {
        var hash = head.0 &* 0x9E37_79B9_7F4A_7C15 ^ (head.1 &+ UInt64(word.count)) &* 0xC2B2_AE3D_27D4_EB4F
        if word.count > 16 {
            for byte in word[16...] {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01B3
            }
        }
        hash ^= hash >> 33
        hash &*= 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 33
        hash &*= 0xC4CE_B9FE_1A85_EC53
        hash ^= hash >> 33
        return hash
    }
}
