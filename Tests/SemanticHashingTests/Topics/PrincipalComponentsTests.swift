import SemanticHashing
import XCTest

final class PrincipalComponentsTests: XCTestCase {
    func testRecoversAPlaneEmbeddedInFiveDimensions() throws {
        // A full grid of (a, b) so the sample covariance of a and b is exactly zero, placed on the plane
        // spanned by orthonormal u and v around the mean m.
        let u: [Double] = [1, 1, 0, 0, 0].map { $0 / 2.0.squareRoot() }
        let v: [Double] = [0, 0, 3, -4, 0].map { $0 / 5 }
        let m: [Double] = [1, 2, 3, 4, 5]
        var coordinates: [(Double, Double)] = []
        for a in -3...3 { for b in [-1.0, -0.5, 0, 0.5, 1] { coordinates.append((Double(a), b)) } }
        let data = Matrix(rows: coordinates.count, columns: 5, values: coordinates.flatMap { a, b in
            (0..<5).map { Float(m[$0] + a * u[$0] + b * v[$0]) }
        })
        let n = Double(coordinates.count)
        let varianceA = coordinates.reduce(0) { $0 + $1.0 * $1.0 } / (n - 1)  // the a and b grids have mean 0
        let varianceB = coordinates.reduce(0) { $0 + $1.1 * $1.1 } / (n - 1)

        let pca = try PrincipalComponents(of: data, count: 2)
        for (c, x) in zip(pca.mean, m) { XCTAssertEqual(c, x, accuracy: 1e-5) }
        XCTAssertEqual(pca.variances[0], varianceA, accuracy: 1e-5)
        XCTAssertEqual(pca.variances[1], varianceB, accuracy: 1e-5)
        XCTAssertEqual(pca.totalVariance, varianceA + varianceB, accuracy: 1e-5)
        let dotU = zip(pca.components[0], u).reduce(0) { $0 + $1.0 * $1.1 }
        let dotV = zip(pca.components[1], v).reduce(0) { $0 + $1.0 * $1.1 }
        XCTAssertEqual(abs(dotU), 1, accuracy: 1e-6)
        XCTAssertEqual(abs(dotV), 1, accuracy: 1e-6)
        let projected = pca.project(data)
        for (row, (a, b)) in coordinates.enumerated() {
            XCTAssertEqual(Double(projected[row, 0]), a * dotU.sign(), accuracy: 1e-5)
            XCTAssertEqual(Double(projected[row, 1]), b * dotV.sign(), accuracy: 1e-5)
        }
    }

    func testSignConventionMakesLargestEntryPositive() throws {
        let data = Matrix(rows: 3, columns: 2, values: [0, 0, -1, -2, 1, 2])
        let pca = try PrincipalComponents(of: data, count: 1)
        XCTAssertEqual(pca.components[0][1], 2 / 5.0.squareRoot(), accuracy: 1e-9)
        XCTAssertEqual(pca.components[0][0], 1 / 5.0.squareRoot(), accuracy: 1e-9)
    }
}

private extension Double {
    func sign() -> Double { self < 0 ? -1 : 1 }
}
