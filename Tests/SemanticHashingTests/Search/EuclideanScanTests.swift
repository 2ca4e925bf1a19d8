import SemanticHashing
import TestSupport
import XCTest

final class EuclideanScanTests: XCTestCase {
    func testNearestEqualsBruteForce() {
        var generator = SeededGenerator(seed: 21)
        let codes = randomMatrix(rows: 3000, columns: 10, generator: &generator)
        let scan = EuclideanScan(codes: codes)
        for k in [1, 10, 100, 5000] {
            let query = (0..<10).map { _ in Float.random(in: -1..<1, using: &generator) }
            XCTAssertEqual(scan.nearest(to: query, k: k), bruteForceEuclideanNearest(codes, query: query, k: k))
        }
    }

    func testTiesGoToTheLowerIndexAndThreadsDoNotMatter() {
        var generator = SeededGenerator(seed: 22)
        let base = randomMatrix(rows: 50, columns: 4, generator: &generator)
        // 400 copies of 50 rows: every distance is shared by 400 rows.
        let codes = Matrix(rows: 20_000, columns: 4, values: Array(repeating: base.values, count: 400).flatMap { $0 })
        let query = base.row(17)
        let expected = bruteForceEuclideanNearest(codes, query: query, k: 500)
        XCTAssertEqual(expected.prefix(400).map(\.index), (0..<400).map { $0 * 50 + 17 })
        for threads in [1, 2, 3] {
            let options = ScanOptions(threads: threads, parallelThreshold: 0, chunkSize: 999)
            XCTAssertEqual(EuclideanScan(codes: codes, options: options).nearest(to: query, k: 500), expected)
        }
    }

    func testMatrixDistanceAgreesWithReference() {
        let codes = Matrix(rows: 2, columns: 3, values: [1, 2, 3, -1, 0, 0.5])
        XCTAssertEqual(codes.squaredDistance(row: 1, to: [0, 0, 0]), 1.25)
        XCTAssertEqual(codes.squaredDistance(row: 0, to: [1, 0, 1]), referenceSquaredDistance([1, 2, 3], [1, 0, 1]))
    }
}
