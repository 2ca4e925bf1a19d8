/// Where the relevant documents of one query fall in its ranking, and the precision and recall measures
/// that follow from it.
///
/// All measures here are functions of the 1-based ranks of the relevant documents in a ranking of the whole
/// database (`relevantRanks`, increasing, one per relevant document, so its count is the query's number of
/// relevant documents R). Rank n has precision (relevant in the first n) / n and recall (relevant in the
/// first n) / R.
public struct RankedRelevance: Sendable, Equatable {
    /// The 1-based ranks of the relevant documents, increasing.
    public let relevantRanks: [Int]
    /// The length of the ranking (the database size).
    public let databaseCount: Int

    public init(relevantRanks: [Int], databaseCount: Int) {
        precondition(zip(relevantRanks, relevantRanks.dropFirst()).allSatisfy { $0 < $1 },
                     "relevant ranks are increasing")
        precondition(relevantRanks.allSatisfy { $0 >= 1 && $0 <= databaseCount }, "ranks lie in 1...databaseCount")
        self.relevantRanks = relevantRanks
        self.databaseCount = databaseCount
    }

    /// Walks `ranking` (database documents, best first) and records the ranks of the relevant ones,
    /// stopping once all `relevantCount` of them are found.
    public init(ranking: UnsafeBufferPointer<Int32>, relevantCount: Int, isRelevant: (Int) -> Bool) {
        var ranks = [Int]()
        ranks.reserveCapacity(relevantCount)
        var rank = 0
        while ranks.count < relevantCount && rank < ranking.count {
            if isRelevant(Int(ranking[rank])) { ranks.append(rank + 1) }
            rank += 1
        }
        precondition(ranks.count == relevantCount, "the ranking holds fewer relevant documents than counted")
        self.relevantRanks = ranks
        self.databaseCount = ranking.count
    }

    /// Precision among the first `k` documents, k capped at the database size: (relevant in the first k) / k.
    public func precision(atCutoff k: Int) -> Double {
        precondition(k >= 1, "a cutoff is at least 1")
        let cutoff = min(k, databaseCount)
        let hits = relevantRanks.prefix { $0 <= cutoff }.count
        return Double(hits) / Double(cutoff)
    }

    /// Non-interpolated average precision over the full ranking: the mean, over the R relevant documents,
    /// of the precision at each one's rank, (1/R) Σᵢ i / rankᵢ. Zero when there is no relevant document.
    public var averagePrecision: Double {
        guard !relevantRanks.isEmpty else { return 0 }
        var sum = 0.0
        for (index, rank) in relevantRanks.enumerated() { sum += Double(index + 1) / Double(rank) }
        return sum / Double(relevantRanks.count)
    }

    /// Interpolated precision at each recall level (as in the TREC 11-point curves and the semantic-hashing
    /// papers' precision–recall plots): the highest precision at any rank whose recall is at least the level.
    ///
    /// Precision only falls between relevant documents and recall only grows at them, so the maximum is
    /// taken over the relevant ranks: P(r) = max { i / rankᵢ : i ≥ r·R }. Levels lie in (0, 1]; recall 1
    /// gives R / rank of the last relevant document. Zero when there is no relevant document.
    /// Complexity: O(R + levels).
    public func interpolatedPrecision(atRecalls levels: [Double]) -> [Double] {
        precondition(levels.allSatisfy { $0 > 0 && $0 <= 1 }, "recall levels lie in (0, 1]")
        let total = relevantRanks.count
        guard total > 0 else { return levels.map { _ in 0 } }
        // bestFrom[i]: the highest precision at relevant documents i+1...R (0-based i).
        var bestFrom = [Double](repeating: 0, count: total)
        var best = 0.0
        for index in stride(from: total - 1, through: 0, by: -1) {
            best = max(best, Double(index + 1) / Double(relevantRanks[index]))
            bestFrom[index] = best
        }
        return levels.map { level in
            // The fewest relevant documents that reach recall `level`; the tolerance keeps r·R that is a whole
            // number in exact arithmetic (0.1 × 20) from rounding up past it.
            let needed = max(1, Int((level * Double(total) - 1e-9).rounded(.up)))
            return bestFrom[min(needed, total) - 1]
        }
    }

    /// Interpolated precision at one recall level (see `interpolatedPrecision(atRecalls:)`).
    public func interpolatedPrecision(atRecall level: Double) -> Double {
        interpolatedPrecision(atRecalls: [level])[0]
    }
}
