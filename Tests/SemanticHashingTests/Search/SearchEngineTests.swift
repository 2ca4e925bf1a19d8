import SemanticHashing
import TestSupport
import XCTest

final class SearchEngineTests: XCTestCase {
    private func randomCodes(count: Int, bits: Int, seed: UInt64) -> DocumentCodes {
        var generator = SeededGenerator(seed: seed)
        let centers = (0..<4).map { _ in randomCode(bitCount: bits, generator: &generator) }
        let hashes = clusteredBinaryCodes(count: count, centers: centers, bitCount: bits, maxFlips: 4,
                                          generator: &generator)
        return try! DocumentCodes(ids: (0..<count).map { Int64($0) + 1 },
                                 realCodes: randomMatrix(rows: count, columns: 10, generator: &generator),
                                 hashes: hashes)
    }

    /// Replacing the codes of some documents (removed, replaced, new) gives the codes kept in their order
    /// followed by the new ones, and an engine patched so answers as one built on those codes.
    func testReplacingDocumentsGivesTheKeptCodesThenTheNewOnesAndTheSameAnswers() throws {
        let codes = randomCodes(count: 3000, bits: 64, seed: 21)
        let fresh = randomCodes(count: 30, bits: 64, seed: 22)
        let removed: Set<Int64> = [1, 2, 1500, 3000]
        let replaced: [Int64] = [7, 8, 2999]
        let addedIDs = replaced + (0..<27).map { Int64(5000 + $0) }
        let added = try DocumentCodes(ids: addedIDs, realCodes: fresh.realCodes, hashes: fresh.hashes)
        let changed = removed.union(addedIDs)
        let patched = try codes.replacing(changed, with: added)

        let kept = (0..<codes.count).filter { !changed.contains(codes.ids[$0]) }
        var words = kept.flatMap { Array(codes.hashes.code($0)) }
        words += fresh.hashes.words
        let expected = try DocumentCodes(
            ids: kept.map { codes.ids[$0] } + addedIDs,
            realCodes: Matrix(rows: kept.count + 30, columns: 10,
                              values: kept.flatMap { codes.realCodes.row($0) } + fresh.realCodes.values),
            hashes: BinaryCodes(bitCount: 64, words: words))
        XCTAssertEqual(patched, expected)
        XCTAssertEqual(patched.count, 3000 - 4 - 3 + 30)

        var engine = SearchEngine(codes: codes)
        engine.prepareRadiusIndex()
        try engine.replace(changed, with: added)
        var reference = SearchEngine(codes: expected)
        let hash = Array(fresh.hashes.code(3)), code = fresh.realCodes.row(3)
        for metric in [SearchMetric.hamming, .euclidean, .cosine] {
            XCTAssertEqual(engine.search(code: code, hash: hash, k: 20, metric: metric).hits,
                           reference.search(code: code, hash: hash, k: 20, metric: metric).hits, "\(metric)")
        }
        let within = engine.search(code: code, hash: hash, k: 10_000, metric: .hamming, radius: 4)
        XCTAssertEqual(within.hits, reference.search(code: code, hash: hash, k: 10_000, metric: .hamming, radius: 4).hits)
        XCTAssertEqual(within.hits.first?.id, addedIDs[3], "the new code itself, at distance 0")

        let otherShape = try DocumentCodes(ids: [9], realCodes: Matrix(rows: 1, columns: 3), hashes: BinaryCodes(bitCount: 64, words: [0]))
        XCTAssertThrowsError(try codes.replacing([9], with: otherShape))
    }

    func testHammingTiesBreakByEuclideanThenIndex() throws {
        // Four documents at Hamming distance 1 from the query; their real codes decide, and the two with
        // equal real codes fall back to the index.
        let hashes = BinaryCodes(bitCount: 8, words: [0b1000_0001, 0b0000_0011, 0b0110_0001, 0b0000_0101, 0b0001_0001, 0b1111_1111])
        let real = Matrix(rows: 6, columns: 2, values: [3, 0, 1, 0, 0, 0, 2, 0, 1, 0, 0, 0])
        var engine = SearchEngine(codes: try DocumentCodes(ids: [10, 11, 12, 13, 14, 15], realCodes: real, hashes: hashes))
        let hits = engine.search(code: [0, 0], hash: [0b0000_0001], k: 4, metric: .hamming).hits
        XCTAssertEqual(hits.map(\.index), [1, 4, 3, 0])
        XCTAssertEqual(hits.map(\.id), [11, 14, 13, 10])
        XCTAssertEqual(hits.map(\.hammingDistance), [1, 1, 1, 1])
        XCTAssertEqual(hits.map(\.squaredEuclideanDistance), [1, 1, 4, 9])
        // Without real codes the same query orders ties by index.
        var plain = SearchEngine(codes: try DocumentCodes(ids: [10, 11, 12, 13, 14, 15],
                                                          realCodes: Matrix(rows: 6, columns: 0), hashes: hashes))
        XCTAssertEqual(plain.search(code: [], hash: [0b0000_0001], k: 4, metric: .hamming).hits.map(\.index),
                       [0, 1, 3, 4])
    }

    /// Top-k scans, Hamming-ball lookups (multi-index hashing) and the cascade (Hamming shortlist re-ranked
    /// by real codes) on 32-, 64- and 128-bit hashes, each against a brute-force ordering of every document.
    func testHammingSearchesEqualBruteForceOrder() {
        for bits in [32, 64, 128] {
            let codes = randomCodes(count: 3000, bits: bits, seed: 3 + UInt64(bits))
            var engine = SearchEngine(codes: codes)
            let hash = Array(codes.hashes.code(7))
            let code = codes.realCodes.row(9)
            func distance(_ index: Int) -> Int {
                zip(codes.hashes.code(index), hash).reduce(0) { $0 + ($1.0 ^ $1.1).nonzeroBitCount }
            }
            let order = { (a: Int, b: Int) -> Bool in
                let ea = referenceSquaredDistance(codes.realCodes.row(a), code)
                let eb = referenceSquaredDistance(codes.realCodes.row(b), code)
                return (distance(a), ea, a) < (distance(b), eb, b)
            }
            let all = (0..<codes.count).sorted(by: order)
            let top = engine.search(code: code, hash: hash, k: 25, metric: .hamming)
            XCTAssertEqual(top.hits.map(\.index), Array(all.prefix(25)), "\(bits) bits")
            XCTAssertEqual(top.hits.map(\.hammingDistance), all.prefix(25).map(distance), "\(bits) bits")
            XCTAssertEqual(top.hammingRadius, top.hits.last?.hammingDistance)
            XCTAssertNil(engine.preparedRadiusIndex, "a top-k Hamming search scans and builds no index")
            let ball = engine.search(code: code, hash: hash, k: 10_000, metric: .hamming, radius: 3)
            XCTAssertEqual(ball.hits.map(\.index), all.filter { distance($0) <= 3 }, "\(bits) bits")
            XCTAssertFalse(ball.hits.isEmpty)
            XCTAssertTrue(engine.preparedRadiusIndex is MultiIndexHashing)
            XCTAssertEqual(ball.hammingRadius, 3)
            let cascade = engine.search(code: code, hash: hash, k: 5, metric: .cascade, radius: 4)
            let inBall = (0..<codes.count).filter { distance($0) <= 4 }
            let reranked = inBall.sorted {
                (referenceSquaredDistance(codes.realCodes.row($0), code), $0)
                    < (referenceSquaredDistance(codes.realCodes.row($1), code), $1)
            }
            XCTAssertEqual(cascade.hits.map(\.index), Array(reranked.prefix(5)), "\(bits) bits")
        }
    }

    func testEuclideanSearchEqualsBruteForce() {
        let codes = randomCodes(count: 2000, bits: 64, seed: 4)
        var engine = SearchEngine(codes: codes)
        let code = codes.realCodes.row(100).map { $0 + 0.01 }
        let hash = Array(codes.hashes.code(3))
        let result = engine.search(code: code, hash: hash, k: 15, metric: .euclidean)
        XCTAssertEqual(result.hits.map(\.index), bruteForceEuclideanNearest(codes.realCodes, query: code, k: 15).map(\.index))
        XCTAssertEqual(result.hits.map(\.hammingDistance), result.hits.map { codes.hashes.distance($0.index, to: hash) })
        XCTAssertNil(result.hammingRadius)
    }

    func testCascadeReportsItsStatistics() {
        var engine = SearchEngine(codes: randomCodes(count: 2000, bits: 16, seed: 5),
                                  configuration: SearchConfiguration(shortlistSize: 60))
        let hash = Array(engine.codes.hashes.code(1))
        let result = engine.search(code: engine.codes.realCodes.row(1), hash: hash, k: 5, metric: .cascade)
        XCTAssertEqual(result.hits.first?.index, 1)
        XCTAssertGreaterThanOrEqual(result.shortlistCount ?? 0, 60)
        let radius = try! XCTUnwrap(result.hammingRadius)
        XCTAssertEqual(result.shortlistCount,
                       bruteForceHammingWithin(engine.codes.hashes, query: hash, radius: radius).count)
        XCTAssertLessThan(bruteForceHammingWithin(engine.codes.hashes, query: hash, radius: radius - 1).count, 60)
        XCTAssertTrue(engine.preparedRadiusIndex is HammingBallIndex, "16-bit codes over 2,000 documents: m = 1")
    }

    func testReplacingMatchesAFreshEngineForEveryMetric() throws {
        let codes = randomCodes(count: 1500, bits: 64, seed: 6)
        var engine = SearchEngine(codes: codes)
        let hash = Array(codes.hashes.code(10))
        let code = codes.realCodes.row(10)
        _ = engine.search(code: code, hash: hash, k: 5, metric: .hamming, radius: 2)
        XCTAssertNotNil(engine.preparedRadiusIndex)
        let added = try DocumentCodes(ids: [9999], realCodes: Matrix(rows: 1, columns: 10, values: code),
                                      hashes: BinaryCodes(bitCount: 64, words: hash))
        try engine.replace([1, 2, 3, 11, 424242, 9999], with: added)
        XCTAssertNil(engine.preparedRadiusIndex)
        let narrow = try DocumentCodes(ids: [5], realCodes: Matrix(rows: 1, columns: 1, values: [1]),
                                       hashes: BinaryCodes(bitCount: 64, words: hash))
        XCTAssertThrowsError(try engine.replace([5], with: narrow)) {
            XCTAssertEqual($0 as? CodesError, .mismatchedCode(id: 5, expected: "10-number real codes and 64-bit hashes",
                                                                got: "1-number real codes and 64-bit hashes"))
        }

        let kept = (0..<1500).filter { ![0, 1, 2, 10].contains($0) }
        let rows = kept.flatMap { codes.realCodes.row($0) } + code
        let words = kept.flatMap { Array(codes.hashes.code($0)) } + hash
        var fresh = SearchEngine(codes: try DocumentCodes(
            ids: kept.map { Int64($0) + 1 } + [9999],
            realCodes: Matrix(rows: kept.count + 1, columns: 10, values: rows),
            hashes: BinaryCodes(bitCount: 64, words: words)))
        XCTAssertEqual(engine.codes, fresh.codes)
        for metric in SearchMetric.allCases {
            let radius: Int? = [.euclidean, .cosine, .hybrid].contains(metric) ? nil : 6
            XCTAssertEqual(engine.search(code: code, hash: hash, k: 8, metric: metric, radius: radius),
                           fresh.search(code: code, hash: hash, k: 8, metric: metric, radius: radius))
        }
        let found = engine.search(code: code, hash: hash, k: 1, metric: .euclidean).hits
        XCTAssertEqual(found.map(\.id), [9999])
    }

    func testPreparedUnitCodesServeCopiesAndAreDroppedOnChange() throws {
        let codes = randomCodes(count: 300, bits: 32, seed: 8)
        var engine = SearchEngine(codes: codes)
        XCTAssertNil(engine.preparedUnitCodes, "made on first need, not at load")
        engine.prepareUnitCodes()
        let unit = try XCTUnwrap(engine.preparedUnitCodes)
        XCTAssertEqual(unit.rows, 300)
        for row in [0, 150, 299] {
            let original = codes.realCodes.row(row)
            let length = original.reduce(0) { $0 + $1 * $1 }.squareRoot()
            for (scaled, value) in zip(unit.row(row), original) { XCTAssertEqual(scaled, value / length, accuracy: 1e-6) }
        }
        let code = codes.realCodes.row(7), hash = Array(codes.hashes.code(7))
        var copy = engine
        XCTAssertNotNil(copy.preparedUnitCodes, "a copy carries the prepared codes")
        var unprepared = SearchEngine(codes: codes)
        for metric in [SearchMetric.cosine, .hybrid] {
            XCTAssertEqual(copy.search(code: code, hash: hash, k: 6, metric: metric),
                           unprepared.search(code: code, hash: hash, k: 6, metric: metric))
        }
        let added = try DocumentCodes(ids: [5000], realCodes: Matrix(rows: 1, columns: 10, values: code),
                                      hashes: BinaryCodes(bitCount: 32, words: hash))
        try engine.replace([5000], with: added)
        XCTAssertNil(engine.preparedUnitCodes, "an added code is not among the scaled ones")
        engine.prepareUnitCodes()
        try engine.replace([5000], with: try DocumentCodes(ids: [], realCodes: Matrix(rows: 0, columns: 10),
                                                           hashes: BinaryCodes(bitCount: 32, words: [])))
        XCTAssertNil(engine.preparedUnitCodes)
    }

    func testInconsistentCodesAreRejected() {
        XCTAssertThrowsError(try DocumentCodes(ids: [1, 2], realCodes: Matrix(rows: 2, columns: 3),
                                              hashes: BinaryCodes(bitCount: 8, words: [1]))) {
            XCTAssertEqual($0 as? CodesError, .mismatchedCounts(ids: 2, realCodes: 2, hashes: 1))
        }
        XCTAssertThrowsError(try DocumentCodes(ids: [4, 4], realCodes: Matrix(rows: 2, columns: 3),
                                              hashes: BinaryCodes(bitCount: 8, words: [1, 2]))) {
            XCTAssertEqual($0 as? CodesError, .duplicateID(4))
            XCTAssertTrue("\($0)".contains("4"))
        }
    }

    /// Asking for more documents than the engine holds, up to `Int.max`, answers with every one of them for each
    /// metric, as asking for exactly that many does, instead of reserving room for k or overflowing on k's multiples.
    func testAskingForMoreDocumentsThanThereAreAnswersWithAll() {
        var engine = SearchEngine(codes: randomCodes(count: 50, bits: 64, seed: 6))
        let code = engine.codes.realCodes.row(7)
        let hash = Array(engine.codes.hashes.code(7))
        for metric in SearchMetric.allCases {
            let all = engine.search(code: code, hash: hash, k: 50, metric: metric)
            for k in [51, 1 << 40, Int.max] {
                let answer = engine.search(code: code, hash: hash, k: k, metric: metric)
                XCTAssertEqual(answer.hits.map(\.index), all.hits.map(\.index), "\(metric), k \(k)")
                XCTAssertEqual(Set(answer.hits.map(\.index)).count, 50, "\(metric), k \(k)")
            }
        }
        XCTAssertEqual(EuclideanScan(codes: engine.codes.realCodes).nearest(to: code, k: Int.max).count, 50)
    }

    func testEmptyEngineAnswersNothing() throws {
        var engine = SearchEngine(codes: try DocumentCodes(ids: [], realCodes: Matrix(rows: 0, columns: 2),
                                                          hashes: BinaryCodes(bitCount: 20)))
        for metric in SearchMetric.allCases {
            XCTAssertEqual(engine.search(code: [0, 0], hash: [0], k: 3, metric: metric).hits, [])
        }
        XCTAssertEqual(engine.search(code: [0, 0], hash: [0], k: 3, metric: .hamming, radius: 2).hits, [])
    }
}
