import ArgumentParser
import Foundation
import SemanticHashing

/// Times `KMeans.fit` on random codes shaped like semhash's (n × 10, uniform in [0, 1) like logistic
/// code units), checks the result it timed, and prints the median.
struct KMeansBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kmeans",
        abstract: "Time k-means (k-means++ seeds, restarts, Lloyd's iterations) on random codes."
    )

    @Option(help: "Number of codes.") var points = 11_314
    @Option(help: "Code dimension.") var dimension = 10
    @Option(help: "Number of clusters.") var clusters = 20
    @Option(help: "k-means restarts.") var restarts = 10
    @Option(help: "Cap on Lloyd passes per restart.") var maximumIterations = 300
    @Option(help: "Timed runs (the medians are reported).") var repeats = 3
    @Option(help: "OpenBLAS threads.") var threads = 1

    func validate() throws {
        guard repeats >= 1, restarts >= 1, maximumIterations >= 1 else { throw ValidationError("counts must be at least 1") }
        guard clusters >= 1, points >= clusters else { throw ValidationError("need at least as many points as clusters") }
    }

    func run() throws {
        BLASThreads.set(threads)
        var data = SplitMix64(seed: 42)
        let codes = Matrix(rows: points, columns: dimension,
                           values: (0..<(points * dimension)).map { _ in Float.random(in: 0..<1, using: &data) })
        let kMeans = KMeans(clusterCount: clusters, restarts: restarts, maximumIterations: maximumIterations)
        var wall: [Double] = [], processor: [Double] = []
        var results: [KMeansResult] = []
        for _ in 0..<repeats {
            var generator = SplitMix64(seed: 1)
            let (wallStart, processorStart) = (Self.seconds(CLOCK_MONOTONIC), Self.seconds(CLOCK_PROCESS_CPUTIME_ID))
            results.append(kMeans.fit(codes, using: &generator))
            wall.append(Self.seconds(CLOCK_MONOTONIC) - wallStart)
            processor.append(Self.seconds(CLOCK_PROCESS_CPUTIME_ID) - processorStart)
        }
        let result = results[0]
        guard results.allSatisfy({ $0 == result }) else { throw ValidationError("runs with the same seed differ") }
        try check(result, codes: codes)
        let (medianWall, medianProcessor) = (wall.sorted()[repeats / 2], processor.sorted()[repeats / 2])
        print("kmeans n=\(points) d=\(dimension) k=\(clusters) restarts=\(restarts) threads=\(threads), \(repeats) runs: "
              + String(format: "median wall %.3f s, median CPU %.3f s (%.1f ms CPU per restart); ",
                       medianWall, medianProcessor, medianProcessor * 1000 / Double(restarts))
              + "winning restart: \(result.iterations) passes, converged \(result.converged), "
              + String(format: "inertia %.4f", result.inertia))
    }

    /// The time of `clock` in seconds (wall time, or CPU time, which other processes on a shared
    /// machine do not inflate).
    private static func seconds(_ clock: clockid_t) -> Double {
        var time = timespec()
        clock_gettime(clock, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// The timed result must be a Lloyd fixed point (when converged): every point at its nearest centroid,
    /// every centroid the mean of its points, no cluster empty.
    private func check(_ result: KMeansResult, codes: Matrix) throws {
        guard !result.clusterSizes.contains(0) else { throw ValidationError("an empty cluster survived") }
        if result.converged {
            let nearest = KMeans.nearestCentroids(of: codes, centroids: result.centroids).assignments
            let moved = zip(nearest, result.assignments).filter { $0 != $1 }.count
            guard moved == 0 else { throw ValidationError("\(moved) points are not at their nearest centroid") }
        }
        var sums = [Double](repeating: 0, count: clusters * dimension)
        for (i, cluster) in result.assignments.enumerated() {
            for c in 0..<dimension { sums[cluster * dimension + c] += Double(codes[i, c]) }
        }
        let sizes = result.clusterSizes
        for cluster in 0..<clusters {
            for c in 0..<dimension where abs(sums[cluster * dimension + c] / Double(sizes[cluster]) - Double(result.centroids[cluster, c])) > 1e-4 {
                throw ValidationError("centroid \(cluster) is not the mean of its points")
            }
        }
    }
}
