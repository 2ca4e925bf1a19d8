import SemanticHashing
import TestSupport
import XCTest

/// The CSR matrix and its products against the dense product of the same matrix written out.
final class SparseRowsTests: XCTestCase {
    private var generator = SeededGenerator(seed: 17)

    /// A random rows × columns matrix with about `density` of its entries stored, its row `emptyRow` (if any)
    /// without entries, and its columns in a shuffled order within each row.
    private func randomSparse(rows: Int, columns: Int, density: Double, emptyRow: Int? = nil) -> SparseRows {
        var matrix = SparseRows(columns: columns)
        for row in 0..<rows {
            var entries = (0..<columns).filter { _ in row != emptyRow && Double.random(in: 0..<1, using: &generator) < density }
            entries.shuffle(using: &generator)
            matrix.appendRow(columns: entries.map { Int32($0) },
                             values: entries.map { _ in Float.random(in: -2..<2, using: &generator) })
        }
        return matrix
    }

    private func assertClose(_ actual: Matrix, _ expected: Matrix, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(actual.rows, expected.rows, file: file, line: line)
        XCTAssertEqual(actual.columns, expected.columns, file: file, line: line)
        for (index, (a, e)) in zip(actual.values, expected.values).enumerated() where abs(a - e) > 1e-4 * max(1, abs(e)) {
            XCTFail("element \(index): \(a) vs \(e)", file: file, line: line)
            return
        }
    }

    func testLayoutDenseFormTransposeAndSums() {
        var matrix = SparseRows(columns: 4)
        matrix.appendRow(columns: [3, 0], values: [2, -1])
        matrix.appendRow(columns: [Int32](), values: [Float]())
        matrix.appendRow(columns: [1], values: [5])
        XCTAssertEqual(matrix.rows, 3)
        XCTAssertEqual(matrix.entryCount, 3)
        XCTAssertEqual(matrix.entries(ofRow: 1), 2..<2)
        XCTAssertEqual(matrix.dense(), Matrix(rows: 3, columns: 4, values: [-1, 0, 0, 2, 0, 0, 0, 0, 0, 5, 0, 0]))
        XCTAssertEqual(matrix.transposed().dense(), matrix.dense().transposed())
        XCTAssertEqual(matrix.transposed().transposed().dense(), matrix.dense())
        XCTAssertEqual(matrix.rowSums(), [1, 0, 5])
        XCTAssertEqual(matrix.columnSums(), [-1, 5, 0, 2])
        XCTAssertEqual(matrix.productFlops(outputs: 10), 60)
        XCTAssertEqual(SparseRows(columns: 7).rows, 0)
    }

    func testAppendingTheRowsOfPiecesStacksThem() {
        let top = randomSparse(rows: 5, columns: 9, density: 0.3, emptyRow: 2)
        let bottom = randomSparse(rows: 4, columns: 9, density: 0.4, emptyRow: 0)
        var stacked = SparseRows(columns: 9)
        stacked.appendRows(of: top)
        stacked.appendRows(of: SparseRows(columns: 9))
        stacked.appendRows(of: bottom)
        var rowByRow = SparseRows(columns: 9)
        for piece in [top, bottom] {
            for row in 0..<piece.rows {
                let entries = piece.entries(ofRow: row)
                rowByRow.appendRow(columns: piece.columnIndices[entries], values: piece.values[entries])
            }
        }
        XCTAssertEqual(stacked, rowByRow)
        XCTAssertEqual(stacked.rows, 9)
        XCTAssertEqual(stacked.entryCount, top.entryCount + bottom.entryCount)
        XCTAssertEqual(Array(stacked.dense().values.suffix(4 * 9)), bottom.dense().values)
    }

    func testProductMatchesTheDenseProduct() {
        for (rows, columns, outputs, density) in [(1, 9, 5, 0.5), (30, 200, 17, 0.05), (13, 40, 64, 0.3), (7, 5, 3, 1.0)] {
            let a = randomSparse(rows: rows, columns: columns, density: density, emptyRow: rows > 1 ? rows / 2 : nil)
            let b = randomMatrix(rows: columns, columns: outputs, generator: &generator)
            var c = Matrix(rows: rows, columns: outputs, repeating: .nan)  // beta 0 ignores what was there
            SparseRows.multiply(a, b, into: &c)
            assertClose(c, naiveProduct(a.dense(), b))
            if rows > 1 { XCTAssertEqual(c.row(rows / 2), [Float](repeating: 0, count: outputs), "an empty row gives zeros") }
        }
    }

    func testProductWithAlphaAndBetaAccumulates() {
        let a = randomSparse(rows: 20, columns: 60, density: 0.1, emptyRow: 3)
        let b = randomMatrix(rows: 60, columns: 11, generator: &generator)
        let start = randomMatrix(rows: 20, columns: 11, generator: &generator)
        for beta: Float in [1, 0.9] {
            var sparse = start, dense = start
            SparseRows.multiply(a, b, into: &sparse, alpha: -0.5, beta: beta)
            Matrix.multiply(a.dense(), b, into: &dense, alpha: -0.5, beta: beta)
            assertClose(sparse, dense)
        }
    }

    func testTransposedProductIsTheGradientForm() {
        // Xᵀ·δ with X sparse (batch × vocabulary) and δ dense (batch × hidden): C is vocabulary × hidden, and
        // words no row holds give zero rows of C.
        let a = randomSparse(rows: 25, columns: 300, density: 0.03, emptyRow: 0)
        let delta = randomMatrix(rows: 25, columns: 9, generator: &generator)
        var c = Matrix(rows: 300, columns: 9, repeating: .nan)
        SparseRows.multiply(a, delta, into: &c, transposeA: .transposed)
        assertClose(c, naiveProduct(a.dense().transposed(), delta))
        let absent = a.columnSums().indices.first { column in !a.columnIndices.contains(Int32(column)) }
        XCTAssertNotNil(absent, "the test needs a word no row holds")
        if let absent { XCTAssertEqual(c.row(absent), [Float](repeating: 0, count: 9)) }
        let start = randomMatrix(rows: 300, columns: 9, generator: &generator)
        var sparse = start, dense = start
        SparseRows.multiply(a, delta, into: &sparse, transposeA: .transposed, alpha: 0.25, beta: 0.5)
        Matrix.multiply(a.dense(), delta, into: &dense, transposeA: .transposed, alpha: 0.25, beta: 0.5)
        assertClose(sparse, dense)
    }

    func testResultDoesNotDependOnTheThreadCount() {
        let a = randomSparse(rows: 200, columns: 500, density: 0.05)
        let b = randomMatrix(rows: 500, columns: 64, generator: &generator)
        let delta = randomMatrix(rows: 200, columns: 64, generator: &generator)
        let previous = BLASThreads.current
        defer { BLASThreads.set(previous) }
        var results: [[Matrix]] = []
        for threads in [1, 2, 3] {
            BLASThreads.set(threads)
            var forward = Matrix(rows: 200, columns: 64), gradient = Matrix(rows: 500, columns: 64)
            SparseRows.multiply(a, b, into: &forward)
            SparseRows.multiply(a, delta, into: &gradient, transposeA: .transposed)
            results.append([forward, gradient])
        }
        XCTAssertEqual(results[0], results[1])
        XCTAssertEqual(results[0], results[2])
        assertClose(results[0][0], naiveProduct(a.dense(), b))
    }

    func testLayerInputAgreesInBothForms() {
        let a = randomSparse(rows: 12, columns: 50, density: 0.2, emptyRow: 5)
        let sparse = LayerInput.sparse(a), dense = LayerInput.dense(a.dense())
        XCTAssertEqual(sparse.rows, 12)
        XCTAssertEqual(sparse.columns, 50)
        XCTAssertEqual(sparse.dense, dense.dense)
        XCTAssertEqual(dense.productFlops(outputs: 8), 2 * 12 * 50 * 8)
        XCTAssertEqual(sparse.productFlops(outputs: 8), 2 * Double(a.entryCount) * 8)
        XCTAssertEqual(sparse.rowSums(), a.rowSums())
        for (s, d) in zip(sparse.columnSums(), dense.columnSums()) { XCTAssertEqual(s, d, accuracy: 1e-5) }
    }
}
