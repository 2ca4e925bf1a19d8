/// A run of consecutive bits of a code, read as an unsigned integer (bit `start` is the least significant).
///
/// Multi-index hashing (Norouzi, Punjani & Fleet, "Fast search in Hamming space with multi-index hashing",
/// CVPR 2012, section 3) cuts each code into disjoint substrings and indexes each one separately.
public struct CodeSubstring: Hashable, Sendable {
    /// The first bit of the substring within the code.
    public let start: Int
    /// The number of bits, 1…64.
    public let length: Int

    public init(start: Int, length: Int) {
        precondition(start >= 0 && (1...64).contains(length), "a substring has 1…64 bits at a non-negative start")
        self.start = start
        self.length = length
    }

    /// The substring's bits taken from a packed code.
    @inline(__always)
    public func value(in code: UnsafePointer<UInt64>) -> UInt64 {
        let word = start >> 6
        let offset = UInt64(start & 63)
        var bits = code[word] >> offset
        if Int(offset) + length > 64 { bits |= code[word + 1] << (64 - offset) }
        return length == 64 ? bits : bits & ((1 << UInt64(length)) - 1)
    }

    /// The substring's bits taken from a code given as an array of packed words.
    public func value(in code: [UInt64]) -> UInt64 {
        code.withUnsafeBufferPointer { value(in: $0.baseAddress!) }
    }

    /// `bitCount` bits cut into `count` consecutive substrings whose lengths differ by at most one, the longer
    /// ones first (the paper's split: ⌈b/m⌉ bits for the first b mod m substrings, ⌊b/m⌋ for the rest).
    public static func partition(bitCount: Int, into count: Int) -> [CodeSubstring] {
        precondition(count >= 1 && count <= bitCount, "need 1…\(bitCount) substrings, got \(count)")
        precondition((bitCount + count - 1) / count <= 64, "substrings are at most 64 bits: use more of them")
        var substrings: [CodeSubstring] = []
        var start = 0
        for index in 0..<count {
            let length = bitCount / count + (index < bitCount % count ? 1 : 0)
            substrings.append(CodeSubstring(start: start, length: length))
            start += length
        }
        return substrings
    }
}
