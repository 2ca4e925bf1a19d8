/// The averaged retrieval quality of one method on one set of queries, as tables, charts and JSON show it.
///
/// JSON form (snake case, one object per method): `method`, `metric`, `queries` (evaluated), `skipped_queries`
/// (with no relevant document), `database`, one `precision_at_<k>` per cutoff (e.g. `precision_at_100`),
/// `map`, `precision_at_recall` and `curve` (arrays of `{recall, precision}`), `mean_query_ms`,
/// `wall_seconds`, `tie_breaking_seed`.
public struct EvaluationResult: Sendable, Equatable {
    /// The method's name (`RetrievalMethod.name`).
    public var method: String
    public var metric: String
    /// The number of queries evaluated (with at least one relevant database document).
    public var queries: Int
    /// The number of queries skipped because no database document is relevant to them.
    public var skippedQueries: Int
    /// The number of database documents ranked for each query.
    public var database: Int
    /// Mean precision@k per cutoff, in the configured order.
    public var precisionAtCutoffs: [CutoffPrecision]
    /// Mean non-interpolated average precision (MAP).
    public var meanAveragePrecision: Double
    /// Mean interpolated precision at the configured recall levels.
    public var precisionAtRecalls: [RecallPrecision]
    /// Mean interpolated precision on the curve's recall grid, for plotting.
    public var curve: [RecallPrecision]
    /// Mean time per query of computing its distances and ranking the database, in milliseconds, on one
    /// thread (blocks of queries run on several threads at once, so throughput is higher).
    public var meanQueryMilliseconds: Double
    /// Wall time of the whole evaluation, in seconds.
    public var wallSeconds: Double
    /// The seed of the tie-breaking permutation.
    public var tieBreakingSeed: UInt64

    public init(method: String, metric: String, queries: Int, skippedQueries: Int, database: Int,
                precisionAtCutoffs: [CutoffPrecision], meanAveragePrecision: Double,
                precisionAtRecalls: [RecallPrecision], curve: [RecallPrecision],
                meanQueryMilliseconds: Double, wallSeconds: Double, tieBreakingSeed: UInt64) {
        self.method = method
        self.metric = metric
        self.queries = queries
        self.skippedQueries = skippedQueries
        self.database = database
        self.precisionAtCutoffs = precisionAtCutoffs
        self.meanAveragePrecision = meanAveragePrecision
        self.precisionAtRecalls = precisionAtRecalls
        self.curve = curve
        self.meanQueryMilliseconds = meanQueryMilliseconds
        self.wallSeconds = wallSeconds
        self.tieBreakingSeed = tieBreakingSeed
    }

    /// Mean precision@k for a configured cutoff `k`, or nil when `k` was not measured.
    public func precision(atCutoff k: Int) -> Double? {
        precisionAtCutoffs.first { $0.cutoff == k }?.precision
    }

    /// Mean interpolated precision at a configured recall level, or nil when it was not measured.
    public func precision(atRecall level: Double) -> Double? {
        precisionAtRecalls.first { abs($0.recall - level) < 1e-12 }?.precision
    }
}

/// Mean precision among the first `cutoff` ranked documents.
public struct CutoffPrecision: Sendable, Equatable, Codable {
    public var cutoff: Int
    public var precision: Double

    public init(cutoff: Int, precision: Double) {
        self.cutoff = cutoff
        self.precision = precision
    }
}

/// Mean interpolated precision at one recall level.
public struct RecallPrecision: Sendable, Equatable, Codable {
    public var recall: Double
    public var precision: Double

    public init(recall: Double, precision: Double) {
        self.recall = recall
        self.precision = precision
    }
}
