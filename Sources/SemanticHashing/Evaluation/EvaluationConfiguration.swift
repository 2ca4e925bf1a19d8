import Foundation

/// What a `RetrievalEvaluator` measures and how it spreads the work.
public struct EvaluationConfiguration: Sendable, Equatable {
    /// Rank cutoffs k for precision@k (capped at the database size). Default 1, 10, 100, 1000.
    public var cutoffs: [Int]
    /// Recall levels reported with their interpolated precision. Default 0.001, 0.01, 0.1, 0.2, 0.5, 1.
    public var recallLevels: [Double]
    /// Recall levels of the plotted precision–recall curve. Default: `logarithmicRecallGrid()`,
    /// 10 points per decade from 0.001 to 1 (31 levels).
    public var curveRecallLevels: [Double]
    /// The seed of the permutation that breaks ties in distance (see `TieBreakingOrder`). Default 1.
    public var tieBreakingSeed: UInt64
    /// Queries per block handed to `RetrievalMethod.distances(forQueries:into:)`. Default 64 (a block of
    /// distances to 11,314 documents is 2.9 MB).
    public var queryBlockSize: Int
    /// Threads working on blocks at once. Default: the active processor count.
    public var threads: Int

    public init(cutoffs: [Int] = [1, 10, 100, 1000],
                recallLevels: [Double] = [0.001, 0.01, 0.1, 0.2, 0.5, 1],
                curveRecallLevels: [Double] = EvaluationConfiguration.logarithmicRecallGrid(),
                tieBreakingSeed: UInt64 = 1,
                queryBlockSize: Int = 64,
                threads: Int = ProcessInfo.processInfo.activeProcessorCount) {
        precondition(cutoffs.allSatisfy { $0 >= 1 } && Set(cutoffs).count == cutoffs.count,
                     "cutoffs are distinct and at least 1")
        precondition((recallLevels + curveRecallLevels).allSatisfy { $0 > 0 && $0 <= 1 }, "recall levels lie in (0, 1]")
        precondition(queryBlockSize >= 1 && threads >= 1, "block size and threads are at least 1")
        self.cutoffs = cutoffs
        self.recallLevels = recallLevels
        self.curveRecallLevels = curveRecallLevels
        self.tieBreakingSeed = tieBreakingSeed
        self.queryBlockSize = queryBlockSize
        self.threads = threads
    }

    /// Recall levels 10^(e) for e from log10(lowest) to 0 in steps of 1/pointsPerDecade: evenly spaced on the
    /// logarithmic recall axis of the papers' plots. Default 0.001 to 1 with 10 points per decade.
    public static func logarithmicRecallGrid(from lowest: Double = 0.001, pointsPerDecade: Int = 10) -> [Double] {
        precondition(lowest > 0 && lowest < 1 && pointsPerDecade >= 1, "the grid runs from a level in (0, 1) to 1")
        let steps = Int((-log10(lowest) * Double(pointsPerDecade)).rounded())
        return (0...steps).map { step in
            step == steps ? 1 : pow(10, log10(lowest) + Double(step) / Double(pointsPerDecade))
        }
    }
}
