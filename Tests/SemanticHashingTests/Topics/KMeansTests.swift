import SemanticHashing
import TestSupport
import XCTest

final class KMeansTests: XCTestCase {
    /// Five blobs 20 apart (σ = 0.5) in 10-D, 100 points each.
    private func separatedBlobs(seed: UInt64) -> (points: Matrix, blobs: [Int]) {
        var generator = SeededGenerator(seed: seed)
        var centres = Matrix(rows: 5, columns: 10)
        for blob in 0..<5 { centres[blob, blob] = 20 }
        return gaussianBlobs(centres: centres, sizes: [100, 100, 100, 100, 100], spread: 0.5, generator: &generator)
    }

    func testRecoversSeparatedBlobsExactly() {
        let (points, blobs) = separatedBlobs(seed: 3)
        var generator = SplitMix64(seed: 1)
        let result = KMeans(clusterCount: 5).fit(points, using: &generator)
        XCTAssertEqual(ClusteringAgreement.normalizedMutualInformation(clusters: result.assignments, classes: blobs), 1, accuracy: 1e-12)
        XCTAssertEqual(result.clusterSizes.sorted(), [100, 100, 100, 100, 100])
        XCTAssertTrue(result.converged)
    }

    func testResultIsConsistent() {
        var data = SeededGenerator(seed: 5)
        let points = randomMatrix(rows: 300, columns: 4, generator: &data)
        var generator = SplitMix64(seed: 2)
        let result = KMeans(clusterCount: 6, restarts: 3).fit(points, using: &generator)
        // Converged: every point sits at its nearest centroid, and every centroid is its points' mean.
        XCTAssertTrue(result.converged)
        XCTAssertEqual(naiveNearestCentroids(points, result.centroids).assignments, result.assignments)
        for cluster in 0..<6 {
            let members = result.assignments.indices.filter { result.assignments[$0] == cluster }
            for c in 0..<4 {
                let mean = members.reduce(0.0) { $0 + Double(points[$1, c]) } / Double(members.count)
                XCTAssertEqual(Double(result.centroids[cluster, c]), mean, accuracy: 1e-5)
            }
        }
        let inertia = result.assignments.enumerated().reduce(0.0) {
            $0 + naiveSquaredDistance(points.row($1.offset), result.centroids.row($1.element))
        }
        XCTAssertEqual(result.inertia, inertia, accuracy: 1e-9 * inertia)
    }

    func testNearestCentroidsMatchNaiveAcrossBlocks() {
        var data = SeededGenerator(seed: 9)
        let points = randomMatrix(rows: 4_500, columns: 10, generator: &data)  // a full block of 4,096 and a partial one
        let centroids = randomMatrix(rows: 8, columns: 10, generator: &data)
        let fast = KMeans.nearestCentroids(of: points, centroids: centroids)
        let naive = naiveNearestCentroids(points, centroids)
        XCTAssertEqual(fast.assignments, naive.assignments)
        for (x, y) in zip(fast.squaredDistances, naive.squaredDistances) { XCTAssertEqual(Double(x), y, accuracy: 1e-4) }
    }

    func testSameSeedSameResultOtherSeedOtherSeeds() {
        var data = SeededGenerator(seed: 4)
        let points = randomMatrix(rows: 400, columns: 5, generator: &data)
        let kMeans = KMeans(clusterCount: 8, restarts: 1)
        var first = SplitMix64(seed: 11), again = SplitMix64(seed: 11), other = SplitMix64(seed: 12)
        XCTAssertEqual(kMeans.fit(points, using: &first), kMeans.fit(points, using: &again))
        first = SplitMix64(seed: 11)
        XCTAssertNotEqual(kMeans.fit(points, using: &first).assignments, kMeans.fit(points, using: &other).assignments)

        var seedsA = SplitMix64(seed: 1), seedsB = SplitMix64(seed: 1), seedsC = SplitMix64(seed: 2)
        let a = KMeans.plusPlusSeeds(points, count: 8, using: &seedsA)
        XCTAssertEqual(a, KMeans.plusPlusSeeds(points, count: 8, using: &seedsB))
        XCTAssertNotEqual(a, KMeans.plusPlusSeeds(points, count: 8, using: &seedsC))
    }

    func testPlusPlusSeedsAreDataPointsOnePerSeparatedBlob() {
        let (points, blobs) = separatedBlobs(seed: 8)
        let rows = (0..<points.rows).map { points.row($0) }
        for seed in UInt64(1)...5 {
            var generator = SplitMix64(seed: seed)
            let seeds = KMeans.plusPlusSeeds(points, count: 5, using: &generator)
            let seededBlobs = (0..<5).map { s in blobs[rows.firstIndex(of: seeds.row(s))!] }
            XCTAssertEqual(Set(seededBlobs).count, 5, "seed \(seed) drew two centres from one blob")
        }
    }

    func testEmptyClusterTakesTheFarthestPoint() {
        // 1-D points; the third initial centroid is far from everything, so its cluster starts empty.
        let points = Matrix(rows: 5, columns: 1, values: [0, 1, 10, 11, 100])
        let initial = Matrix(rows: 3, columns: 1, values: [0, 10, 1000])
        let result = KMeans(clusterCount: 3).refine(points, from: initial)
        // 100 is farthest from its centroid (10), so it re-seeds cluster 2.
        XCTAssertEqual(result.assignments, [0, 0, 1, 1, 2])
        XCTAssertEqual(result.centroids.values, [0.5, 10.5, 100])
        XCTAssertEqual(result.inertia, 1, accuracy: 1e-12)
        XCTAssertTrue(result.converged)
    }

    func testDuplicatePointsLeaveNoClusterEmpty() {
        let points = Matrix(rows: 6, columns: 2, values: [1, 1, 1, 1, 1, 1, 1, 1, 5, 5, 5, 5])
        var generator = SplitMix64(seed: 3)
        let result = KMeans(clusterCount: 3, restarts: 2).fit(points, using: &generator)
        XCTAssertEqual(result.clusterSizes.filter { $0 == 0 }.count, 0)
        XCTAssertEqual(result.clusterSizes.reduce(0, +), 6)
        XCTAssertEqual(result.inertia, 0, accuracy: 1e-12)
    }

    /// With fewer distinct points than clusters, the points re-seeded into empty clusters stay there (their
    /// cluster's mean is as near as any other): the iterations end at once instead of running to the cap.
    func testFewerDistinctPointsThanClustersConverge() {
        let points = Matrix(rows: 60, columns: 3, values: (0..<60).flatMap { $0 < 50 ? [1, 2, 3] : [4, 5, 6] as [Float] })
        var generator = SplitMix64(seed: 5)
        let result = KMeans(clusterCount: 4, restarts: 2, maximumIterations: 300).fit(points, using: &generator)
        XCTAssertTrue(result.converged)
        XCTAssertLessThanOrEqual(result.iterations, 3)
        XCTAssertEqual(result.clusterSizes.filter { $0 == 0 }.count, 0)
        XCTAssertEqual(result.inertia, 0, accuracy: 1e-12)
    }

    func testAsManyClustersAsPoints() {
        let points = Matrix(rows: 4, columns: 2, values: [0, 0, 1, 0, 0, 1, 1, 1])
        var generator = SplitMix64(seed: 1)
        let result = KMeans(clusterCount: 4).fit(points, using: &generator)
        XCTAssertEqual(Set(result.assignments).count, 4)
        XCTAssertEqual(result.inertia, 0)
    }
}
