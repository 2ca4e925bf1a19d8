import SemanticHashing
import TestSupport
import XCTest

final class CascadeSearchTests: XCTestCase {
    private func fixture(seed: UInt64, bits: Int = 32, count: Int = 2000) -> DocumentCodes {
        var generator = SeededGenerator(seed: seed)
        let centers = (0..<6).map { _ in randomCode(bitCount: bits, generator: &generator) }
        let hashes = clusteredBinaryCodes(count: count, centers: centers, bitCount: bits, maxFlips: 5,
                                          generator: &generator)
        let real = randomMatrix(rows: count, columns: 10, generator: &generator)
        return try! DocumentCodes(ids: (0..<count).map { Int64($0) * 3 + 1000 }, realCodes: real, hashes: hashes)
    }

    /// The expected cascade: the smallest radius holding ≥ S documents, and the Euclidean top k within it,
    /// computed from the brute-force Hamming ranking and reference distances.
    private func expected(_ codes: DocumentCodes, code: [Float], hash: [UInt64], k: Int, shortlist: Int)
        -> (radius: Int, shortlist: [Int], top: [Int]) {
        let ranking = bruteForceHammingRanking(codes.hashes, query: hash)
        let radius = ranking[min(shortlist, ranking.count) - 1].distance
        let members = ranking.filter { $0.distance <= radius }.map(\.index)
        let top = members
            .map { (referenceSquaredDistance(codes.realCodes.row($0), code), $0) }
            .sorted { $0 < $1 }
            .prefix(k).map(\.1)
        return (radius, members, top)
    }

    func testGrowsTheRadiusToTheShortlistAndReranksExactly() {
        for seed in UInt64(1)...3 {
            let codes = fixture(seed: seed)
            var generator = SeededGenerator(seed: seed + 50)
            let scan = HammingScan(codes: codes.hashes)
            for (shortlist, k) in [(100, 10), (40, 40), (300, 5)] {
                let hash = flipping(Array(codes.hashes.code(Int(seed) * 11)), bitCount: 32, flips: 2,
                                    generator: &generator)
                let code = (0..<10).map { _ in Float.random(in: -1..<1, using: &generator) }
                let want = expected(codes, code: code, hash: hash, k: k, shortlist: shortlist)
                for lookup in [HammingLookup(scan: scan, index: nil),
                               HammingLookup(scan: scan, index: MultiIndexHashing(codes: codes.hashes)),
                               HammingLookup(scan: scan, index: HammingBallIndex(codes: codes.hashes),
                                             indexCostRatio: 1)] {
                    let result = CascadeSearch(shortlistSize: shortlist)
                        .search(code: code, hash: hash, k: k, radius: nil, in: codes, lookup: lookup)
                    XCTAssertEqual(result.hammingRadius, want.radius)
                    XCTAssertEqual(result.shortlistCount, want.shortlist.count)
                    XCTAssertGreaterThanOrEqual(result.shortlistCount!, shortlist)
                    XCTAssertEqual(result.hits.map(\.index), want.top)
                    XCTAssertEqual(result.hits.map(\.id), want.top.map { Int64($0) * 3 + 1000 })
                    XCTAssertTrue(result.hits.allSatisfy { $0.hammingDistance <= want.radius })
                }
            }
        }
    }

    func testFixedRadiusTakesExactlyTheBall() {
        let codes = fixture(seed: 9)
        let hash = Array(codes.hashes.code(0))
        let code = codes.realCodes.row(5)
        let lookup = HammingLookup(scan: HammingScan(codes: codes.hashes), index: MultiIndexHashing(codes: codes.hashes))
        for radius in [0, 2, 4] {
            let ball = bruteForceHammingWithin(codes.hashes, query: hash, radius: radius).map(\.index)
            let result = CascadeSearch(shortlistSize: 100)
                .search(code: code, hash: hash, k: 7, radius: radius, in: codes, lookup: lookup)
            XCTAssertEqual(result.shortlistCount, ball.count)
            XCTAssertEqual(result.hammingRadius, radius)
            let top = ball.sorted {
                (referenceSquaredDistance(codes.realCodes.row($0), code), $0)
                    < (referenceSquaredDistance(codes.realCodes.row($1), code), $1)
            }.prefix(7)
            XCTAssertEqual(result.hits.map(\.index), Array(top))
        }
    }

    func testShortlistLargerThanTheCollectionTakesEverything() {
        let codes = fixture(seed: 4, count: 30)
        let result = CascadeSearch(shortlistSize: 100).search(
            code: codes.realCodes.row(0), hash: Array(codes.hashes.code(0)), k: 50, radius: nil, in: codes,
            lookup: HammingLookup(scan: HammingScan(codes: codes.hashes), index: nil))
        XCTAssertEqual(result.shortlistCount, 30)
        XCTAssertEqual(result.hits.count, 30)
        XCTAssertEqual(result.hits.first?.index, 0)
        XCTAssertEqual(result.hits.first?.squaredEuclideanDistance, 0)
    }
}
