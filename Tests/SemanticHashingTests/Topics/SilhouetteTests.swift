import SemanticHashing
import TestSupport
import XCTest

final class SilhouetteTests: XCTestCase {
    func testHandWorkedExample() {
        // Points 0, 2 | 6, 10 on a line: s = 6/8, 4/6, 1/5, 5/9.
        let points = Matrix(rows: 4, columns: 1, values: [0, 2, 6, 10])
        let expected = (6.0 / 8 + 4.0 / 6 + 1.0 / 5 + 5.0 / 9) / 4
        XCTAssertEqual(expected, 0.5430555555555555, accuracy: 1e-12)  // scikit-learn 1.9.1 silhouette_score
        XCTAssertEqual(Silhouette.mean(of: points, assignments: [0, 0, 1, 1], clusterCount: 2), expected, accuracy: 1e-6)
    }

    func testSingletonScoresZero() {
        // Adding 30 alone: it scores 0 and the others keep their scores (their nearest other cluster is unchanged).
        let points = Matrix(rows: 5, columns: 1, values: [0, 2, 6, 10, 30])
        let expected = (6.0 / 8 + 4.0 / 6 + 1.0 / 5 + 5.0 / 9 + 0) / 5
        XCTAssertEqual(expected, 0.4344444444444444, accuracy: 1e-12)  // scikit-learn 1.9.1
        XCTAssertEqual(Silhouette.mean(of: points, assignments: [0, 0, 1, 1, 2], clusterCount: 3), expected, accuracy: 1e-6)
    }

    func testMatchesNaiveReference() {
        var generator = SeededGenerator(seed: 21)
        let points = randomMatrix(rows: 120, columns: 10, generator: &generator)
        let assignments = (0..<120).map { _ in Int.random(in: 0..<4, using: &generator) }
        XCTAssertEqual(Silhouette.mean(of: points, assignments: assignments, clusterCount: 4),
                       naiveSilhouette(points, assignments), accuracy: 1e-5)
    }

    func testSampledMeanUsesAllPointsWhenFew() {
        var generator = SeededGenerator(seed: 22)
        let points = randomMatrix(rows: 50, columns: 3, generator: &generator)
        let assignments = (0..<50).map { $0 % 3 }
        var sampler = SplitMix64(seed: 1)
        XCTAssertEqual(Silhouette.sampledMean(of: points, assignments: assignments, clusterCount: 3, sampleSize: 50, using: &sampler),
                       Silhouette.mean(of: points, assignments: assignments, clusterCount: 3))
    }

    func testSampledMeanIsSeededAndClose() {
        var data = SeededGenerator(seed: 23)
        var centres = Matrix(rows: 3, columns: 4)
        for blob in 0..<3 { centres[blob, blob] = 4 }
        let (points, blobs) = gaussianBlobs(centres: centres, sizes: [300, 300, 300], spread: 1, generator: &data)
        var first = SplitMix64(seed: 5), again = SplitMix64(seed: 5)
        let sampled = Silhouette.sampledMean(of: points, assignments: blobs, clusterCount: 3, sampleSize: 300, using: &first)
        XCTAssertEqual(sampled, Silhouette.sampledMean(of: points, assignments: blobs, clusterCount: 3, sampleSize: 300, using: &again))
        XCTAssertEqual(sampled, Silhouette.mean(of: points, assignments: blobs, clusterCount: 3), accuracy: 0.05)
    }
}
