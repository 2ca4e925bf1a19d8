import Foundation

/// Exact Hamming search for long codes by multi-index hashing (Norouzi, Punjani & Fleet, "Fast search in
/// Hamming space with multi-index hashing", CVPR 2012; TPAMI 2014).
///
/// Each code is cut into m disjoint substrings (`CodeSubstring.partition`), and each substring position has
/// its own `CodeTable`. If two codes are within distance R = m·r + a (0 ≤ a < m), then by the pigeonhole
/// principle one of the first a + 1 substrings differs in at most r bits, or one of the others in at most
/// r − 1 (the paper's Proposition 2). So a radius-R query probes tables 0…a within radius r and the rest
/// within r − 1, and checks the full distance of each code found. A code found in several tables is kept
/// only from the first table whose probe radius covers it, which needs no per-query memory.
///
/// With m ≈ bits / log₂ N (`suggestedSubstringCount`) each table holds about one code per key, and a query
/// within a small radius costs far less than a scan. Memory: 4 bytes per code per table plus the tables.
public struct MultiIndexHashing: HammingRadiusIndex {
    public let codes: BinaryCodes
    /// The substring positions, one table each.
    public let substrings: [CodeSubstring]
    private let tables: [CodeTable]

    /// Indexes `codes` with `substringCount` tables (default `suggestedSubstringCount`), in O(m·N) for
    /// substrings of at most max(16, log₂ 8N) bits and O(m·N log N) otherwise.
    public init(codes: BinaryCodes, substringCount: Int? = nil) {
        let count = substringCount
            ?? Self.suggestedSubstringCount(bitCount: codes.bitCount, codeCount: codes.count)
        let parts = CodeSubstring.partition(bitCount: codes.bitCount, into: count)
        let wordsPerCode = codes.wordsPerCode
        self.codes = codes
        substrings = parts
        tables = codes.words.withUnsafeBufferPointer { words in
            parts.map { substring in
                CodeTable(keyBits: substring.length, count: codes.count) { index in
                    substring.value(in: words.baseAddress! + index * wordsPerCode)
                }
            }
        }
    }

    /// The paper's choice m = bits / log₂ N, rounded, within 1…bits and with substrings of at most 64 bits:
    /// substrings of about log₂ N bits make each table about as large as the number of codes.
    public static func suggestedSubstringCount(bitCount: Int, codeCount: Int) -> Int {
        let suggested = Int((Double(bitCount) / log2(Double(max(codeCount, 2)))).rounded())
        return min(bitCount, max(suggested, (bitCount + 63) / 64, 1))
    }

    public func within(radius: Int, of query: [UInt64]) -> [HammingNeighbor] {
        precondition(radius >= 0, "the radius must be non-negative")
        precondition(codes.isValidQuery(query), "the query must be a \(codes.bitCount)-bit code")
        let probeRadii = self.probeRadii(radius: radius)
        var found: [UInt64] = []
        withCandidates(of: query) { candidates in
            for table in substrings.indices where probeRadii[table] >= 0 {
                for weight in 0...min(probeRadii[table], substrings[table].length) {
                    candidates.visit(table: table, weight: weight) { index, distance, substringDistance in
                        guard distance <= radius else { return }
                        for earlier in 0..<table where substringDistance(earlier) <= probeRadii[earlier] { return }
                        found.append(UInt64(distance) << 40 | UInt64(index))
                    }
                }
            }
        }
        return found.sorted().map(Self.neighbor)
    }

    public func nearest(to query: [UInt64], k: Int, includingTies: Bool, workBudget: Int) -> [HammingNeighbor]? {
        precondition(k >= 1, "k must be at least 1")
        precondition(codes.isValidQuery(query), "the query must be a \(codes.bitCount)-bit code")
        let m = substrings.count
        var found: [UInt64] = []
        var counts = [Int](repeating: 0, count: codes.bitCount + 1)
        var work = 0
        var guaranteed = -1
        withCandidates(of: query) { candidates in
            // Step (s, j) probes table j at substring distance exactly s; after it every code within
            // m·s + j has been found (Proposition 2 with r = s, a = j). A code is kept at the first step
            // that reaches it: the lexicographically least (its distance in table t, t).
            search: for weight in 0... {
                for table in 0..<m {
                    if weight <= substrings[table].length {
                        work += BitMasksOfWeight.binomial(substrings[table].length, weight)
                        candidates.visit(table: table, weight: weight) { index, distance, substringDistance in
                            work += 1
                            for other in 0..<m where other != table {
                                let otherDistance = substringDistance(other)
                                if otherDistance < weight || (otherDistance == weight && other < table) { return }
                            }
                            found.append(UInt64(distance) << 40 | UInt64(index))
                            counts[distance] += 1
                        }
                    }
                    guaranteed = min(m * weight + table, codes.bitCount)
                    if guaranteed == codes.bitCount || counts[0...guaranteed].reduce(0, +) >= k { break search }
                    if work > workBudget { break search }
                }
            }
        }
        let confirmed = found.filter { Int($0 >> 40) <= guaranteed }.sorted()
        guard confirmed.count >= min(k, codes.count) else { return nil }
        let kept = includingTies && confirmed.count > k
            ? confirmed.prefix { $0 >> 40 <= confirmed[k - 1] >> 40 }
            : confirmed.prefix(k)
        return kept.map(Self.neighbor)
    }

    public func probeCount(radius: Int) -> Int {
        zip(substrings, probeRadii(radius: radius)).reduce(0) { total, table in
            let (sum, overflow) = total.addingReportingOverflow(
                BitMasksOfWeight.ballVolume(width: table.0.length, radius: table.1))
            return overflow ? Int.max : sum
        }
    }

    /// The radius each table is probed within for a radius-`radius` query: r for tables 0…a and r − 1 for
    /// the rest, where radius = m·r + a (negative: not probed).
    private func probeRadii(radius: Int) -> [Int] {
        let m = substrings.count
        return (0..<m).map { $0 <= radius % m ? radius / m : radius / m - 1 }
    }

    private static func neighbor(_ packed: UInt64) -> HammingNeighbor {
        HammingNeighbor(index: Int(packed & (1 << 40 - 1)), distance: Int(packed >> 40))
    }

    private func withCandidates(of query: [UInt64], _ body: (inout Candidates) -> Void) {
        codes.words.withUnsafeBufferPointer { words in
            var candidates = Candidates(index: self, codes: words.baseAddress!, query: query)
            body(&candidates)
        }
    }

    /// The codes a query finds in the tables, with their distances to it.
    private struct Candidates {
        let index: MultiIndexHashing
        let codes: UnsafePointer<UInt64>
        let query: [UInt64]
        let querySubstrings: [UInt64]
        var difference: [UInt64]

        init(index: MultiIndexHashing, codes: UnsafePointer<UInt64>, query: [UInt64]) {
            self.index = index
            self.codes = codes
            self.query = query
            querySubstrings = index.substrings.map { $0.value(in: query) }
            difference = query
        }

        /// Calls `body(code index, full distance, substring distance)` for every code whose substring
        /// `table` differs from the query's in exactly `weight` bits; `substring distance(t)` is the
        /// number of differing bits in substring t.
        mutating func visit(table: Int, weight: Int, _ body: (Int, Int, (Int) -> Int) -> Void) {
            let substrings = index.substrings
            let postings = index.tables[table]
            let wordsPerCode = query.count
            for mask in BitMasksOfWeight(width: substrings[table].length, weight: weight) {
                for posting in postings.range(of: querySubstrings[table] ^ mask) {
                    let code = Int(postings.postings[posting])
                    var distance = 0
                    for word in 0..<wordsPerCode {
                        difference[word] = codes[code * wordsPerCode + word] ^ query[word]
                        distance += difference[word].nonzeroBitCount
                    }
                    let difference = self.difference
                    body(code, distance) { substrings[$0].value(in: difference).nonzeroBitCount }
                }
            }
        }
    }
}
