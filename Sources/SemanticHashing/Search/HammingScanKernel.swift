/// The inner loops of the Hamming scan: XOR + popcount of each code against one query over a range of code
/// indices, offering each distance to a `HammingSelection`.
///
/// Specialised for codes of one word (≤ 64 bits) and two words (≤ 128 bits), with a general loop otherwise.
/// Several codes are measured per step and the selection is consulted only when one of them beats its
/// bound, which after the first few thousand codes almost never happens; so the loop is loads, XORs and
/// popcounts. Release builds pass `-target-cpu haswell`: scalar `nonzeroBitCount` is one POPCNT, and the
/// one-word path's `SIMD4<UInt64>.nonzeroBitCount` is AVX2's nibble-table popcount (VPSHUFB + VPSADBW),
/// which measured about 25% faster than four POPCNTs.
enum HammingScanKernel {
    @inline(__always)
    static func scan(codes: UnsafePointer<UInt64>, wordsPerCode: Int, range: Range<Int>,
                     query: UnsafePointer<UInt64>, into selection: inout HammingSelection) {
        switch wordsPerCode {
        case 1: scanOneWord(codes: codes, range: range, query: query.pointee, into: &selection)
        case 2: scanTwoWords(codes: codes, range: range, query: (query[0], query[1]), into: &selection)
        default: scanWords(codes: codes, wordsPerCode: wordsPerCode, range: range, query: query, into: &selection)
        }
    }

    /// One-word codes, sixteen per step as four `SIMD4<UInt64>` vectors: XOR, per-lane popcount, and
    /// `distance − bound` OR-ed across the sixteen, whose sign bit says whether any distance is below the
    /// bound. Only then are the sixteen offered one by one.
    static func scanOneWord(codes: UnsafePointer<UInt64>, range: Range<Int>, query: UInt64,
                            into selection: inout HammingSelection) {
        let queries = SIMD4<UInt64>(repeating: query)
        var bound = SIMD4<UInt64>(repeating: UInt64(selection.acceptBound))
        let raw = UnsafeRawPointer(codes)
        var index = range.lowerBound
        let end = range.upperBound
        while index &+ 16 <= end {
            let offset = index &* 8
            let a = (raw.loadUnaligned(fromByteOffset: offset, as: SIMD4<UInt64>.self) ^ queries).nonzeroBitCount
            let b = (raw.loadUnaligned(fromByteOffset: offset &+ 32, as: SIMD4<UInt64>.self) ^ queries).nonzeroBitCount
            let c = (raw.loadUnaligned(fromByteOffset: offset &+ 64, as: SIMD4<UInt64>.self) ^ queries).nonzeroBitCount
            let d = (raw.loadUnaligned(fromByteOffset: offset &+ 96, as: SIMD4<UInt64>.self) ^ queries).nonzeroBitCount
            let below = (a &- bound) | (b &- bound) | (c &- bound) | (d &- bound)
            if (below[0] | below[1] | below[2] | below[3]) >> 63 != 0 {
                for lane in index..<(index &+ 16) {
                    selection.offer(distance: (codes[lane] ^ query).nonzeroBitCount, index: lane)
                }
                bound = SIMD4<UInt64>(repeating: UInt64(selection.acceptBound))
            }
            index &+= 16
        }
        while index < end {
            selection.offer(distance: (codes[index] ^ query).nonzeroBitCount, index: index)
            index &+= 1
        }
    }

    static func scanTwoWords(codes: UnsafePointer<UInt64>, range: Range<Int>, query: (UInt64, UInt64),
                             into selection: inout HammingSelection) {
        @inline(__always) func distance(_ index: Int) -> Int {
            (codes[2 &* index] ^ query.0).nonzeroBitCount &+ (codes[2 &* index &+ 1] ^ query.1).nonzeroBitCount
        }
        var bound = selection.acceptBound
        var index = range.lowerBound
        let end = range.upperBound
        while index &+ 4 <= end {
            let d0 = distance(index)
            let d1 = distance(index &+ 1)
            let d2 = distance(index &+ 2)
            let d3 = distance(index &+ 3)
            if min(min(d0, d1), min(d2, d3)) < bound {
                selection.offer(distance: d0, index: index)
                selection.offer(distance: d1, index: index &+ 1)
                selection.offer(distance: d2, index: index &+ 2)
                selection.offer(distance: d3, index: index &+ 3)
                bound = selection.acceptBound
            }
            index &+= 4
        }
        while index < end {
            selection.offer(distance: distance(index), index: index)
            index &+= 1
        }
    }

    static func scanWords(codes: UnsafePointer<UInt64>, wordsPerCode: Int, range: Range<Int>,
                          query: UnsafePointer<UInt64>, into selection: inout HammingSelection) {
        for index in range {
            let code = codes + index &* wordsPerCode
            var distance = 0
            for word in 0..<wordsPerCode { distance &+= (code[word] ^ query[word]).nonzeroBitCount }
            selection.offer(distance: distance, index: index)
        }
    }
}
