import Foundation
@testable import SemanticHashing
import TestSupport
import XCTest

/// The block subspace iteration against graphs whose normalised Laplacian spectrum is known in closed form
/// (disjoint cliques, a ring, a path) and against a dense `SymmetricEigen` of the same Laplacian.
final class LaplacianEigenvectorsTests: XCTestCase {
    /// The dense normalised Laplacian I − D^-½ W D^-½ of `graph`, row-major (D^-½ taken as 0 where D is 0).
    private func denseLaplacian(_ graph: UndirectedGraph) -> [Double] {
        let n = graph.vertexCount, degrees = graph.degrees
        var laplacian = [Double](repeating: 0, count: n * n)
        for vertex in 0..<n {
            laplacian[vertex * n + vertex] = 1
            for entry in graph.rowStarts[vertex]..<graph.rowStarts[vertex + 1] {
                let other = Int(graph.neighbours[entry])
                laplacian[vertex * n + other] -= graph.weights[entry] / (degrees[vertex] * degrees[other]).squareRoot()
            }
        }
        return laplacian
    }

    /// The `count` smallest eigenvalues of the dense Laplacian, ascending.
    private func denseBottomEigenvalues(_ graph: UndirectedGraph, count: Int) throws -> [Double] {
        let eigen = try SymmetricEigen(symmetric: denseLaplacian(graph), dimension: graph.vertexCount)
        return Array(eigen.values.reversed().prefix(count))
    }

    /// ‖Lv − λv‖ for a returned pair, with the dense Laplacian.
    private func residual(_ graph: UndirectedGraph, _ spectrum: LaplacianEigenvectors, _ index: Int) -> Double {
        let n = graph.vertexCount, laplacian = denseLaplacian(graph), vector = Array(spectrum.vector(index))
        var squared = 0.0
        for row in 0..<n {
            var product = 0.0
            for column in 0..<n { product += laplacian[row * n + column] * vector[column] }
            let difference = product - spectrum.values[index] * vector[row]
            squared += difference * difference
        }
        return squared.squareRoot()
    }

    private func ring(_ n: Int) -> UndirectedGraph {
        UndirectedGraph(vertexCount: n, edges: (0..<n).map { ($0, ($0 + 1) % n, 1) })
    }

    func testThreeDisjointCliquesHaveEigenvalueZeroThreeTimesSpannedByTheirIndicators() throws {
        let sizes = [4, 5, 6]
        var edges: [(Int, Int, Double)] = []
        var members: [[Int]] = []
        var first = 0
        for size in sizes {
            members.append(Array(first..<first + size))
            for a in first..<first + size { for b in a + 1..<first + size { edges.append((a, b, 1)) } }
            first += size
        }
        let graph = UndirectedGraph(vertexCount: first, edges: edges)
        // 4 pairs of 15 vertices: a block of 12 columns, so the iteration runs rather than solving exactly.
        let spectrum = try LaplacianEigenvectors(of: graph, count: 4, seed: 3, tolerance: 1e-9)
        XCTAssertGreaterThan(spectrum.iterations, 1)
        XCTAssertEqual(spectrum.values[0], 0, accuracy: 1e-8)
        XCTAssertEqual(spectrum.values[1], 0, accuracy: 1e-8)
        XCTAssertEqual(spectrum.values[2], 0, accuracy: 1e-8)
        // A clique K_m's other eigenvalue is m / (m − 1): the smallest is K_6's, 1.2.
        XCTAssertEqual(spectrum.values[3], 1.2, accuracy: 1e-8)
        // Each clique's indicator (regular within the clique, so D^½·1_C ∝ 1_C) lies in the span of the first three.
        for clique in members {
            var indicator = [Double](repeating: 0, count: graph.vertexCount)
            for vertex in clique { indicator[vertex] = 1 / Double(clique.count).squareRoot() }
            let projected = (0..<3).map { j in zip(spectrum.vector(j), indicator).reduce(0) { $0 + $1.0 * $1.1 } }
            XCTAssertEqual(projected.reduce(0) { $0 + $1 * $1 }, 1, accuracy: 1e-8, "clique \(clique)")
        }
        XCTAssertEqual(spectrum.values, try denseBottomEigenvalues(graph, count: 4), accuracy: 1e-8)
    }

    func testARingHasTheClosedFormSpectrumInPairs() throws {
        let n = 40
        let spectrum = try LaplacianEigenvectors(of: ring(n), count: 7, seed: 1, tolerance: 1e-8)
        // The cycle C_n is 2-regular: L = I − A/2, eigenvalues 1 − cos(2πk/n), each k ≠ 0 twice (k and n − k).
        let expected = [0, 1, 1, 2, 2, 3, 3].map { 1 - cos(2 * Double.pi * Double($0) / Double(n)) }
        XCTAssertEqual(spectrum.values, expected, accuracy: 1e-7)
        for index in 0..<7 { XCTAssertLessThan(residual(ring(n), spectrum, index), 1e-7) }
        XCTAssertLessThanOrEqual(spectrum.largestResidual, 1e-8)
    }

    func testAPathMatchesTheClosedFormAndTheDenseEigenvectors() throws {
        let n = 30
        let path = UndirectedGraph(vertexCount: n, edges: (0..<n - 1).map { ($0, $0 + 1, 1) })
        let spectrum = try LaplacianEigenvectors(of: path, count: 5, seed: 2, tolerance: 1e-10)
        // The path P_n's normalised Laplacian has eigenvalues 1 − cos(πk / (n − 1)), k = 0 ..< n.
        let expected = (0..<5).map { 1 - cos(Double.pi * Double($0) / Double(n - 1)) }
        XCTAssertEqual(spectrum.values, expected, accuracy: 1e-9)
        let dense = try SymmetricEigen(symmetric: denseLaplacian(path), dimension: n)
        for index in 0..<5 {
            // Distinct eigenvalues: each vector equals the dense one up to its sign.
            let denseColumn = n - 1 - index
            let denseVector = (0..<n).map { dense.vectors[$0 * n + denseColumn] }
            let dot = zip(spectrum.vector(index), denseVector).reduce(0) { $0 + $1.0 * $1.1 }
            XCTAssertEqual(abs(dot), 1, accuracy: 1e-8, "eigenvector \(index)")
        }
    }

    func testAnIrregularWeightedGraphMatchesTheDenseSolver() throws {
        var random = RandomSource(seed: 9)
        let n = 60
        var edges: [(Int, Int, Double)] = []
        for a in 0..<n {
            for b in a + 1..<n where random.uniform() < (abs(a / 20 - b / 20) == 0 ? 0.3 : 0.03) {
                edges.append((a, b, Double(1 + 4 * random.uniform())))
            }
        }
        let graph = UndirectedGraph(vertexCount: n, edges: edges)
        let spectrum = try LaplacianEigenvectors(of: graph, count: 6, seed: 4, tolerance: 1e-9)
        XCTAssertEqual(spectrum.values, try denseBottomEigenvalues(graph, count: 6), accuracy: 1e-8)
        for index in 0..<6 { XCTAssertLessThan(residual(graph, spectrum, index), 1e-8, "pair \(index)") }
        for a in 0..<6 {
            for b in 0...a {
                let dot = zip(spectrum.vector(a), spectrum.vector(b)).reduce(0) { $0 + $1.0 * $1.1 }
                XCTAssertEqual(dot, a == b ? 1 : 0, accuracy: 1e-9)
            }
        }
    }

    func testAnIsolatedVertexTakesEigenvalueOneNotTheBottom() throws {
        // A ring of 20 and a vertex without edges: its row of L is the identity's, so the bottom pairs are the ring's.
        let edges = (0..<20).map { ($0, ($0 + 1) % 20, 1.0) }
        let graph = UndirectedGraph(vertexCount: 21, edges: edges)
        let spectrum = try LaplacianEigenvectors(of: graph, count: 3, seed: 1, tolerance: 1e-9)
        let ringValue = 1 - cos(2 * Double.pi / 20)
        XCTAssertEqual(spectrum.values, [0, ringValue, ringValue], accuracy: 1e-8)
        for index in 0..<3 { XCTAssertEqual(spectrum.vector(index).last!, 0, accuracy: 1e-8) }
        XCTAssertEqual(spectrum.values, try denseBottomEigenvalues(graph, count: 3), accuracy: 1e-8)
    }

    func testTheSameSeedGivesTheSameVectorsOnAnyThreadCount() throws {
        let one = try LaplacianEigenvectors(of: ring(50), count: 5, seed: 7, tolerance: 1e-6, threads: 1)
        let two = try LaplacianEigenvectors(of: ring(50), count: 5, seed: 7, tolerance: 1e-6, threads: 2)
        XCTAssertEqual(one.vectors, two.vectors)
        XCTAssertEqual(one.iterations, two.iterations)
    }

    func testTheIterationCapStopsAnUnconvergedRun() throws {
        let capped = try LaplacianEigenvectors(of: ring(200), count: 9, seed: 7, tolerance: 1e-12, maximumIterations: 2)
        XCTAssertEqual(capped.iterations, 2)
        XCTAssertGreaterThan(capped.largestResidual, 1e-12)
    }

    func testRepeatedEdgesKeepTheirLargestWeightEitherWayRound() {
        let graph = UndirectedGraph(vertexCount: 3, edges: [(0, 1, 1), (1, 0, 2), (2, 1, 1), (1, 2, 1)])
        XCTAssertEqual(graph.rowStarts, [0, 1, 3, 4])
        XCTAssertEqual(graph.neighbours, [1, 0, 2, 1])
        XCTAssertEqual(graph.weights, [2, 2, 1, 1])
        XCTAssertEqual(graph.degrees, [2, 3, 1])
    }
}

private func XCTAssertEqual(_ actual: [Double], _ expected: [Double], accuracy: Double,
                            file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(actual.count, expected.count, "lengths", file: file, line: line)
    for (index, (a, e)) in zip(actual, expected).enumerated() {
        XCTAssertEqual(a, e, accuracy: accuracy, "entry \(index): \(actual) vs \(expected)", file: file, line: line)
    }
}
