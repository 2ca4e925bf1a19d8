import SemanticHashing
import TestSupport
import XCTest

/// Ball and multi-index lookups against the linear scan, their exact reference: radius queries must return
/// the same codes in the same order, and k-nearest queries the same top k.
final class RadiusIndexTests: XCTestCase {
    /// Clustered codes with duplicates (so that small balls are not empty) plus uniform noise, and queries
    /// near the clusters and far from them.
    private func fixture(bits: Int, seed: UInt64, count: Int? = nil)
        -> (codes: BinaryCodes, queries: [[UInt64]]) {
        // 10-bit codes have only 1,024 values: fewer of them still fill every ball.
        let count = count ?? (bits <= 10 ? 300 : 1500)
        var generator = SeededGenerator(seed: seed)
        let centers = (0..<5).map { _ in randomCode(bitCount: bits, generator: &generator) }
        var codes = clusteredBinaryCodes(count: count, centers: centers, bitCount: bits, maxFlips: 3,
                                         generator: &generator)
        codes.append(contentsOf: randomBinaryCodes(count: count / 5, bitCount: bits, generator: &generator))
        for duplicate in 0..<20 { codes.append(words: codes.code(duplicate * 7 % codes.count)) }
        let queries = centers.map { flipping($0, bitCount: bits, flips: 2, generator: &generator) }
            + [randomCode(bitCount: bits, generator: &generator), Array(codes.code(3))]
        return (codes, queries)
    }

    private func indexes(for codes: BinaryCodes) -> [(String, any HammingRadiusIndex)] {
        var indexes: [(String, any HammingRadiusIndex)] = [("mih-suggested", MultiIndexHashing(codes: codes))]
        if codes.bitCount <= 32 { indexes.append(("ball", HammingBallIndex(codes: codes))) }
        for m in [1, 2, 3, 5] where (codes.bitCount + m - 1) / m <= 32 && m <= codes.bitCount
            && (m > 1 || codes.bitCount <= 16) {
            indexes.append(("mih-\(m)", MultiIndexHashing(codes: codes, substringCount: m)))
        }
        return indexes
    }

    func testRadiusQueriesEqualScan() {
        for bits in [10, 32, 64, 128] {
            for seed in UInt64(1)...3 {
                let (codes, queries) = fixture(bits: bits, seed: seed * 31 + UInt64(bits))
                let scan = HammingScan(codes: codes)
                var nonEmpty = 0
                for (name, index) in indexes(for: codes) {
                    // A radius-4 ball over 32-bit codes is 41,449 lookups: fewer queries keep the test fast.
                    for query in index.probeCount(radius: 4) > 10_000 ? Array(queries.prefix(2)) : queries {
                        for radius in 0...4 {
                            let expected = scan.within(radius: radius, of: query)
                            if !expected.isEmpty { nonEmpty += 1 }
                            XCTAssertEqual(index.within(radius: radius, of: query), expected,
                                           "\(name), bits \(bits), seed \(seed), radius \(radius)")
                        }
                    }
                }
                XCTAssertGreaterThan(nonEmpty, 0, "the fixture must put codes inside the balls")
            }
        }
    }

    func testLargerRadiiCoverTheRefinedPigeonholeCases() {
        let (codes, queries) = fixture(bits: 64, seed: 77, count: 800)
        let scan = HammingScan(codes: codes)
        for m in [2, 3, 4] {
            let index = MultiIndexHashing(codes: codes, substringCount: m)
            for radius in 5...(2 * m + 3) {
                XCTAssertEqual(index.within(radius: radius, of: queries[0]), scan.within(radius: radius, of: queries[0]),
                               "m \(m), radius \(radius)")
            }
        }
    }

    func testNearestEqualsScanTopK() {
        for bits in [10, 32, 64, 128] {
            let (codes, queries) = fixture(bits: bits, seed: 5 + UInt64(bits))
            let scan = HammingScan(codes: codes)
            for (name, index) in indexes(for: codes) {
                for (queryNumber, query) in queries.enumerated() {
                    for k in [1, 10, 100] {
                        for ties in [false, true] {
                            // A random query far from every code may need more lookups than a scan: the
                            // index then gives up (nil); near the clusters it must answer.
                            let found = index.nearest(to: query, k: k, includingTies: ties, workBudget: 20_000)
                            if queryNumber < 5 { XCTAssertNotNil(found, "\(name), bits \(bits)") }
                            if let found {
                                XCTAssertEqual(found, scan.nearest(to: query, k: k, includingTies: ties),
                                               "\(name), bits \(bits), k \(k), ties \(ties)")
                            }
                        }
                    }
                }
            }
        }
    }

    func testNearestBeyondTheCodeCountReturnsEverything() {
        let (codes, queries) = fixture(bits: 10, seed: 2, count: 40)
        for (name, index) in indexes(for: codes) {
            XCTAssertEqual(index.nearest(to: queries[0], k: 500, includingTies: false, workBudget: .max),
                           bruteForceHammingNearest(codes, query: queries[0], k: 500), name)
        }
    }

    func testWorkBudgetGivesUpInsteadOfAnsweringWrongly() {
        let (codes, queries) = fixture(bits: 64, seed: 8)
        let index = MultiIndexHashing(codes: codes)
        XCTAssertNil(index.nearest(to: queries[5], k: 100, includingTies: false, workBudget: 10))
        XCTAssertNil(HammingBallIndex(codes: fixture(bits: 32, seed: 8).codes)
            .nearest(to: queries[5].map { $0 & 0xFFFF_FFFF }, k: 100, includingTies: false, workBudget: 10))
    }

    func testProbeCountsFollowTheBallVolumes() {
        let codes = fixture(bits: 64, seed: 1, count: 50).codes
        let index = MultiIndexHashing(codes: codes, substringCount: 3)
        XCTAssertEqual(index.substrings.map(\.length), [22, 21, 21])
        XCTAssertEqual(index.probeCount(radius: 0), 1)
        XCTAssertEqual(index.probeCount(radius: 2), 3)
        XCTAssertEqual(index.probeCount(radius: 3), 23 + 1 + 1)
        XCTAssertEqual(HammingBallIndex(codes: BinaryCodes(bitCount: 20)).probeCount(radius: 2), 1 + 20 + 190)
    }

    func testSuggestedSubstringCountFollowsThePaper() {
        XCTAssertEqual(MultiIndexHashing.suggestedSubstringCount(bitCount: 64, codeCount: 10_000_000), 3)
        XCTAssertEqual(MultiIndexHashing.suggestedSubstringCount(bitCount: 128, codeCount: 1 << 16), 8)
        XCTAssertEqual(MultiIndexHashing.suggestedSubstringCount(bitCount: 10, codeCount: 11_000), 1)
        XCTAssertEqual(MultiIndexHashing.suggestedSubstringCount(bitCount: 256, codeCount: 4), 128)
        XCTAssertEqual(MultiIndexHashing.suggestedSubstringCount(bitCount: 4096, codeCount: 1 << 40), 102)
    }
}
