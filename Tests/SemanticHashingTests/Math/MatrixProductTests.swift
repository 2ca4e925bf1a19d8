import Foundation
import SemanticHashing
import TestSupport
import XCTest

final class MatrixProductTests: XCTestCase {
    func testProductMatchesNaiveForAllTransposes() {
        var generator = SeededGenerator(seed: 7)
        let a = randomMatrix(rows: 5, columns: 3, generator: &generator)
        let b = randomMatrix(rows: 3, columns: 4, generator: &generator)
        let expected = naiveProduct(a, b)
        let variants = [
            Matrix.product(a, b),
            Matrix.product(a.transposed(), b, transposeA: .transposed),
            Matrix.product(a, b.transposed(), transposeB: .transposed),
            Matrix.product(a.transposed(), b.transposed(), transposeA: .transposed, transposeB: .transposed),
        ]
        for product in variants {
            XCTAssertEqual(product.rows, 5)
            XCTAssertEqual(product.columns, 4)
            for (x, y) in zip(product.values, expected.values) { XCTAssertEqual(x, y, accuracy: 1e-5) }
        }
    }

    func testAccumulatesWithAlphaAndBeta() {
        var generator = SeededGenerator(seed: 11)
        let a = randomMatrix(rows: 4, columns: 6, generator: &generator)
        let b = randomMatrix(rows: 6, columns: 2, generator: &generator)
        var c = Matrix(rows: 4, columns: 2, repeating: 1)
        Matrix.multiply(a, b, into: &c, alpha: 2, beta: 3)
        let expected = naiveProduct(a, b)
        for (x, y) in zip(c.values, expected.values) { XCTAssertEqual(x, 2 * y + 3, accuracy: 1e-5) }
    }

    func testASingleRowTakesTheVectorPathAndMatchesNaiveForEveryTransposeAlphaAndBeta() {
        var generator = SeededGenerator(seed: 13)
        let a = randomMatrix(rows: 1, columns: 7, generator: &generator)
        let b = randomMatrix(rows: 7, columns: 5, generator: &generator)
        let expected = naiveProduct(a, b)
        for (transposeB, operand) in [(Transpose.none, b), (.transposed, b.transposed())] {
            XCTAssertEqual(Matrix.product(a, operand, transposeB: transposeB).values.count, 5)
            for (x, y) in zip(Matrix.product(a, operand, transposeB: transposeB).values, expected.values) {
                XCTAssertEqual(x, y, accuracy: 1e-5)
            }
            var c = Matrix(rows: 1, columns: 5, repeating: 1)
            Matrix.multiply(a, operand, into: &c, transposeB: transposeB, alpha: 2, beta: 3)
            for (x, y) in zip(c.values, expected.values) { XCTAssertEqual(x, 2 * y + 3, accuracy: 1e-5) }
        }
    }

    func testSymmetricEigenReconstructsMatrix() throws {
        let m: [Double] = [4, 1, 0,
                           1, 3, 1,
                           0, 1, 2]
        let eigen = try SymmetricEigen(symmetric: m, dimension: 3)
        XCTAssertEqual(eigen.values, eigen.values.sorted(by: >))
        for i in 0..<3 {
            for j in 0..<3 {
                var sum = 0.0
                for k in 0..<3 { sum += eigen.vectors[i * 3 + k] * eigen.values[k] * eigen.vectors[j * 3 + k] }
                XCTAssertEqual(sum, m[i * 3 + j], accuracy: 1e-9)
            }
        }
    }

    /// One thread stops OpenBLAS's idle workers; a larger count later gets a working pool back.
    func testOneThreadStopsTheIdleWorkersAndMoreThreadsBringThemBack() throws {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        try XCTSkipIf(cores < 2, "one core: OpenBLAS keeps no worker threads to stop")
        let previous = BLASThreads.current
        defer { BLASThreads.set(previous) }
        var generator = SeededGenerator(seed: 11)
        let a = randomMatrix(rows: 384, columns: 384, generator: &generator)
        let b = randomMatrix(rows: 384, columns: 384, generator: &generator)
        func threadCount() throws -> Int { try FileManager.default.contentsOfDirectory(atPath: "/proc/self/task").count }

        BLASThreads.set(cores)
        let threaded = Matrix.product(a, b)  // wakes the pool
        let withPool = try threadCount()
        BLASThreads.set(1)
        XCTAssertLessThan(try threadCount(), withPool, "the pool's threads are joined")
        let single = Matrix.product(a, b)
        XCTAssertEqual(BLASThreads.current, 1)

        BLASThreads.set(cores)
        XCTAssertEqual(BLASThreads.current, cores)
        let again = Matrix.product(a, b)
        XCTAssertEqual(try threadCount(), withPool, "the first threaded product starts the pool again")
        for (x, y) in zip(again.values, single.values) { XCTAssertEqual(x, y, accuracy: 1e-3) }
        XCTAssertEqual(again, threaded)
    }
}
