import SemanticHashing
import TestSupport
import XCTest

final class LatentSemanticAnalysisTests: XCTestCase {
    private func tinyMatrix() -> Matrix {
        var generator = SeededGenerator(seed: 31)
        return randomMatrix(rows: 8, columns: 5, generator: &generator)
    }

    /// The dominant eigenvector of the symmetric matrix `a` (n × n, Double) by power iteration.
    private func powerIteration(_ a: [Double], _ n: Int) -> (value: Double, vector: [Double]) {
        var vector = [Double](repeating: 1, count: n)
        var value = 0.0
        for _ in 0..<5000 {
            var next = [Double](repeating: 0, count: n)
            for i in 0..<n { for j in 0..<n { next[i] += a[i * n + j] * vector[j] } }
            value = next.reduce(0) { $0 + $1 * $1 }.squareRoot()
            vector = next.map { $0 / value }
        }
        return (value, vector)
    }

    func testTopSingularPairsMatchPowerIterationWithDeflation() throws {
        let x = tinyMatrix()
        let analysis = try LatentSemanticAnalysis(documents: x, dimensions: 2)
        // XᵀX in Double by the definition.
        var gram = [Double](repeating: 0, count: 25)
        for i in 0..<5 { for j in 0..<5 { for r in 0..<8 { gram[i * 5 + j] += Double(x[r, i]) * Double(x[r, j]) } } }
        for component in 0..<2 {
            let (value, vector) = powerIteration(gram, 5)
            XCTAssertEqual(analysis.singularValues[component], value.squareRoot(), accuracy: 1e-4)
            let lsa = (0..<5).map { Double(analysis.rightSingularVectors[$0, component]) }
            let sign = zip(lsa, vector).reduce(0) { $0 + $1.0 * $1.1 } < 0 ? -1.0 : 1.0
            for (a, b) in zip(lsa, vector) { XCTAssertEqual(sign * a, b, accuracy: 1e-4) }
            // Deflate: remove λ v vᵀ to expose the next pair.
            for i in 0..<5 { for j in 0..<5 { gram[i * 5 + j] -= value * vector[i] * vector[j] } }
        }
    }

    func testFullRankProjectionReconstructsTheMatrix() throws {
        // With every dimension kept, V is orthogonal: (X V) Vᵀ = X, and ‖X vⱼ‖ = σⱼ.
        let x = tinyMatrix()
        let analysis = try LatentSemanticAnalysis(documents: x, dimensions: 5)
        let coordinates = analysis.project(x)
        let reconstructed = naiveProduct(coordinates, analysis.rightSingularVectors.transposed())
        for (value, expected) in zip(reconstructed.values, x.values) { XCTAssertEqual(value, expected, accuracy: 1e-4) }
        for column in 0..<5 {
            let norm = (0..<8).reduce(0.0) { $0 + Double(coordinates[$1, column] * coordinates[$1, column]) }.squareRoot()
            XCTAssertEqual(norm, analysis.singularValues[column], accuracy: 1e-4)
        }
        XCTAssertEqual(analysis.singularValues, analysis.singularValues.sorted(by: >))
        // Projecting on fewer dimensions keeps the leading coordinates.
        let two = analysis.project(x, dimensions: 2)
        for row in 0..<8 { for column in 0..<2 { XCTAssertEqual(two[row, column], coordinates[row, column], accuracy: 1e-6) } }
    }
}
