/// The measures of every query of one evaluation, one slot per query, filled by the worker threads (each
/// query's slots are written by exactly one worker) and averaged in query order afterwards.
final class QueryOutcomes: @unchecked Sendable {
    private let queryCount: Int
    private let cutoffCount: Int
    private let recallCount: Int
    private let curveCount: Int
    private var evaluated: UnsafeMutableBufferPointer<Bool>
    private var precisionAtCutoffs: UnsafeMutableBufferPointer<Double>
    private var averagePrecisions: UnsafeMutableBufferPointer<Double>
    private var precisionAtRecalls: UnsafeMutableBufferPointer<Double>
    private var curve: UnsafeMutableBufferPointer<Double>
    private var nanoseconds: UnsafeMutableBufferPointer<Double>

    init(queryCount: Int, configuration: EvaluationConfiguration) {
        self.queryCount = queryCount
        cutoffCount = configuration.cutoffs.count
        recallCount = configuration.recallLevels.count
        curveCount = configuration.curveRecallLevels.count
        func zeros<T>(_ count: Int, _ value: T) -> UnsafeMutableBufferPointer<T> {
            let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: count)
            buffer.initialize(repeating: value)
            return buffer
        }
        evaluated = zeros(queryCount, false)
        precisionAtCutoffs = zeros(queryCount * cutoffCount, 0.0)
        averagePrecisions = zeros(queryCount, 0.0)
        precisionAtRecalls = zeros(queryCount * recallCount, 0.0)
        curve = zeros(queryCount * curveCount, 0.0)
        nanoseconds = zeros(queryCount, 0.0)
    }

    deinit {
        for buffer in [precisionAtCutoffs, averagePrecisions, precisionAtRecalls, curve, nanoseconds] {
            buffer.deallocate()
        }
        evaluated.deallocate()
    }

    /// Stores the measures of `query`.
    func record(_ relevance: RankedRelevance, query: Int, nanoseconds time: Double,
                configuration: EvaluationConfiguration) {
        evaluated[query] = true
        for (index, k) in configuration.cutoffs.enumerated() {
            precisionAtCutoffs[query * cutoffCount + index] = relevance.precision(atCutoff: k)
        }
        averagePrecisions[query] = relevance.averagePrecision
        for (index, value) in relevance.interpolatedPrecision(atRecalls: configuration.recallLevels).enumerated() {
            precisionAtRecalls[query * recallCount + index] = value
        }
        for (index, value) in relevance.interpolatedPrecision(atRecalls: configuration.curveRecallLevels).enumerated() {
            curve[query * curveCount + index] = value
        }
        nanoseconds[query] = time
    }

    /// The means over the evaluated queries, summed in query order.
    func averaged(method: some RetrievalMethod, database: Int, configuration: EvaluationConfiguration,
                  wallSeconds: Double) -> EvaluationResult {
        let queries = (0..<queryCount).filter { evaluated[$0] }
        let divisor = Double(max(1, queries.count))
        func mean(_ values: UnsafeMutableBufferPointer<Double>, stride: Int, offset: Int) -> Double {
            queries.reduce(0.0) { $0 + values[$1 * stride + offset] } / divisor
        }
        return EvaluationResult(
            method: method.name, metric: method.metric, queries: queries.count,
            skippedQueries: queryCount - queries.count, database: database,
            precisionAtCutoffs: configuration.cutoffs.enumerated().map { index, k in
                CutoffPrecision(cutoff: k, precision: mean(precisionAtCutoffs, stride: cutoffCount, offset: index))
            },
            meanAveragePrecision: mean(averagePrecisions, stride: 1, offset: 0),
            precisionAtRecalls: configuration.recallLevels.enumerated().map { index, level in
                RecallPrecision(recall: level, precision: mean(precisionAtRecalls, stride: recallCount, offset: index))
            },
            curve: configuration.curveRecallLevels.enumerated().map { index, level in
                RecallPrecision(recall: level, precision: mean(curve, stride: curveCount, offset: index))
            },
            meanQueryMilliseconds: mean(nanoseconds, stride: 1, offset: 0) / 1e6,
            wallSeconds: wallSeconds,
            tieBreakingSeed: configuration.tieBreakingSeed)
    }
}
