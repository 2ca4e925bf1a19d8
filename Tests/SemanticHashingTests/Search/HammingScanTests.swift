import SemanticHashing
import TestSupport
import XCTest

final class HammingScanTests: XCTestCase {
    private let bitLengths = [1, 10, 32, 63, 64, 65, 128]

    func testNearestEqualsBruteForceOnRandomCodes() {
        for bits in bitLengths {
            for seed in UInt64(1)...3 {
                var generator = SeededGenerator(seed: seed * 100 + UInt64(bits))
                let codes = randomBinaryCodes(count: 700, bitCount: bits, generator: &generator)
                let scan = HammingScan(codes: codes)
                for k in [1, 5, 64, 1000] {
                    let query = randomCode(bitCount: bits, generator: &generator)
                    XCTAssertEqual(scan.nearest(to: query, k: k),
                                   bruteForceHammingNearest(codes, query: query, k: k),
                                   "bits \(bits), seed \(seed), k \(k)")
                    XCTAssertEqual(scan.nearest(to: query, k: k, includingTies: true),
                                   bruteForceHammingNearest(codes, query: query, k: k, includingTies: true),
                                   "ties: bits \(bits), seed \(seed), k \(k)")
                }
            }
        }
    }

    func testNearestOnClusteredCodesWithManyTies() {
        for bits in bitLengths {
            var generator = SeededGenerator(seed: 42 + UInt64(bits))
            let centers = (0..<4).map { _ in randomCode(bitCount: bits, generator: &generator) }
            let codes = clusteredBinaryCodes(count: 900, centers: centers, bitCount: bits, maxFlips: 3,
                                             generator: &generator)
            let scan = HammingScan(codes: codes)
            for query in centers + [randomCode(bitCount: bits, generator: &generator)] {
                for k in [3, 100] {
                    let found = scan.nearest(to: query, k: k)
                    XCTAssertEqual(found, bruteForceHammingNearest(codes, query: query, k: k), "bits \(bits), k \(k)")
                    let withTies = scan.nearest(to: query, k: k, includingTies: true)
                    XCTAssertGreaterThanOrEqual(withTies.count, k)
                    XCTAssertEqual(withTies, bruteForceHammingNearest(codes, query: query, k: k, includingTies: true))
                }
            }
        }
    }

    func testWithinRadiusEqualsBruteForce() {
        for bits in bitLengths {
            var generator = SeededGenerator(seed: 7 + UInt64(bits))
            let centers = (0..<3).map { _ in randomCode(bitCount: bits, generator: &generator) }
            let codes = clusteredBinaryCodes(count: 600, centers: centers, bitCount: bits, maxFlips: 4,
                                             generator: &generator)
            let scan = HammingScan(codes: codes)
            for radius in [0, 1, 2, 4, bits] {
                let query = flipping(centers[radius % 3], bitCount: bits, flips: 1, generator: &generator)
                let expected = bruteForceHammingWithin(codes, query: query, radius: radius)
                XCTAssertEqual(scan.within(radius: radius, of: query), expected, "bits \(bits), radius \(radius)")
            }
        }
    }

    func testBatchEqualsSingleQueries() {
        var generator = SeededGenerator(seed: 11)
        for bits in [64, 100] {
            let codes = randomBinaryCodes(count: 2500, bitCount: bits, generator: &generator)
            let queries = randomBinaryCodes(count: 9, bitCount: bits, generator: &generator)
            let scan = HammingScan(codes: codes, options: ScanOptions(blockSize: 300))
            let batch = scan.nearest(to: queries, k: 20)
            XCTAssertEqual(batch.count, 9)
            for query in 0..<queries.count {
                XCTAssertEqual(batch[query], bruteForceHammingNearest(codes, query: Array(queries.code(query)), k: 20))
            }
        }
    }

    func testResultsDoNotDependOnThreadsChunksOrBlocks() {
        var generator = SeededGenerator(seed: 13)
        let centers = (0..<8).map { _ in randomCode(bitCount: 64, generator: &generator) }
        let codes = clusteredBinaryCodes(count: 20_000, centers: centers, bitCount: 64, maxFlips: 6,
                                         generator: &generator)
        let queries = BinaryCodes(bitCount: 64, words: centers.flatMap { $0 })
        let reference = HammingScan(codes: codes).nearest(to: queries, k: 50, includingTies: false)
        for (threads, chunk, block) in [(2, 1000, 2048), (3, 777, 100), (2, 20_000, 64), (4, 128, 4096)] {
            let options = ScanOptions(threads: threads, parallelThreshold: 0, chunkSize: chunk, blockSize: block)
            let scan = HammingScan(codes: codes, options: options)
            XCTAssertEqual(scan.nearest(to: queries, k: 50), reference, "threads \(threads), chunk \(chunk)")
            XCTAssertEqual(scan.within(radius: 3, of: centers[0]),
                           HammingScan(codes: codes).within(radius: 3, of: centers[0]))
        }
        XCTAssertEqual(reference[0], bruteForceHammingNearest(codes, query: centers[0], k: 50))
        XCTAssertTrue(reference[0].contains { $0.distance == 0 })
    }

    func testSmallAndEmptySets() {
        let empty = HammingScan(codes: BinaryCodes(bitCount: 16))
        XCTAssertEqual(empty.nearest(to: [5], k: 3), [])
        XCTAssertEqual(empty.within(radius: 16, of: [5]), [])
        let two = HammingScan(codes: BinaryCodes(bitCount: 4, words: [0b1111, 0b0001]))
        XCTAssertEqual(two.nearest(to: [0], k: 5),
                       [HammingNeighbor(index: 1, distance: 1), HammingNeighbor(index: 0, distance: 4)])
    }
}
