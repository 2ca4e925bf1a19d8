/// Measures how well a retrieval method ranks the database for each query, by the protocol of the
/// semantic-hashing papers: every query document is ranked against the whole database, a database document
/// is relevant when it shares a label with the query, and precision@k, interpolated precision at recall
/// levels and MAP are averaged over the queries that have at least one relevant document.
///
/// Work: queries are split into blocks of `configuration.queryBlockSize`; `configuration.threads` threads
/// take blocks in turn, ask the method for the block's distances, rank each query's distances with a
/// `DistanceRanker` (ties broken by the seeded `TieBreakingOrder`) and record its measures in its own slot.
/// The averages are summed in query order afterwards, so results do not depend on the thread count or the
/// block size. While it runs with several threads, OpenBLAS is set to one thread (and restored afterwards)
/// so that concurrent blocks do not oversubscribe the cores.
public struct RetrievalEvaluator: Sendable {
    public let labels: RelevanceLabels
    public let configuration: EvaluationConfiguration
    public let tieBreaking: TieBreakingOrder

    public init(labels: RelevanceLabels, configuration: EvaluationConfiguration = EvaluationConfiguration()) {
        self.labels = labels
        self.configuration = configuration
        self.tieBreaking = TieBreakingOrder(databaseCount: labels.databaseCount, seed: configuration.tieBreakingSeed)
    }

    /// Evaluates one method; its database and queries must be the ones `labels` describes, in order.
    public func evaluate(_ method: some RetrievalMethod) -> EvaluationResult {
        precondition(method.databaseCount == labels.databaseCount && method.queryCount == labels.queryCount,
                     "\(method.name) has \(method.queryCount) queries × \(method.databaseCount) documents, "
                        + "the labels \(labels.queryCount) × \(labels.databaseCount)")
        let stopwatch = Stopwatch()
        let savedBLASThreads = BLASThreads.current
        if configuration.threads > 1 { BLASThreads.set(1) }
        defer { BLASThreads.set(savedBLASThreads) }

        let outcomes = QueryOutcomes(queryCount: labels.queryCount, configuration: configuration)
        let blockSize = configuration.queryBlockSize
        let blockCount = (labels.queryCount + blockSize - 1) / blockSize
        ParallelWork.forEachBlock(
            count: blockCount, threads: configuration.threads,
            makeState: { BlockScratch(method: method, tieBreaking: tieBreaking, blockSize: blockSize) },
            body: { scratch, block in
                let queries = (block * blockSize)..<min(labels.queryCount, (block + 1) * blockSize)
                evaluateBlock(queries, of: method, scratch: &scratch, outcomes: outcomes)
            })

        return outcomes.averaged(method: method, database: labels.databaseCount, configuration: configuration,
                                 wallSeconds: stopwatch.seconds)
    }

    /// Evaluates several methods one after another, in order.
    public func evaluate(_ methods: [any RetrievalMethod]) -> [EvaluationResult] {
        methods.map { evaluate($0) }
    }

    private func evaluateBlock(_ queries: Range<Int>, of method: some RetrievalMethod,
                               scratch: inout BlockScratch, outcomes: QueryOutcomes) {
        let databaseCount = labels.databaseCount
        let distances = UnsafeMutableBufferPointer(rebasing: scratch.distances[0..<(queries.count * databaseCount)])
        let scoring = Stopwatch()
        method.distances(forQueries: queries, into: distances)
        let scoringPerQuery = scoring.seconds * 1e9 / Double(queries.count)

        for (offset, query) in queries.enumerated() {
            let relevantCount = labels.relevantCount(forQuery: query)
            guard relevantCount > 0 else { continue }
            let row = UnsafeBufferPointer(rebasing: distances[(offset * databaseCount)..<((offset + 1) * databaseCount)])
            let ranking = Stopwatch()
            scratch.ranker.rank(row, into: scratch.ranking)
            let rankingNanoseconds = ranking.seconds * 1e9
            let relevance = RankedRelevance(ranking: UnsafeBufferPointer(scratch.ranking), relevantCount: relevantCount) {
                labels.isRelevant(query: query, document: $0)
            }
            outcomes.record(relevance, query: query, nanoseconds: scoringPerQuery + rankingNanoseconds,
                            configuration: configuration)
        }
    }
}

/// One worker's buffers: a block of distances, one ranking, and a ranker with its own scratch.
private struct BlockScratch {
    var ranker: DistanceRanker
    let distances: UnsafeMutableBufferPointer<Float>
    let ranking: UnsafeMutableBufferPointer<Int32>
    private let owner: ScratchStorage

    init(method: some RetrievalMethod, tieBreaking: TieBreakingOrder, blockSize: Int) {
        ranker = DistanceRanker(tieBreaking: tieBreaking, kind: method.distanceKind)
        owner = ScratchStorage(distances: blockSize * method.databaseCount, ranking: method.databaseCount)
        distances = owner.distances
        ranking = owner.ranking
    }
}

/// Owns a worker's buffers and frees them when the worker is done.
private final class ScratchStorage {
    let distances: UnsafeMutableBufferPointer<Float>
    let ranking: UnsafeMutableBufferPointer<Int32>

    init(distances: Int, ranking: Int) {
        self.distances = .allocate(capacity: distances)
        self.ranking = .allocate(capacity: ranking)
    }

    deinit {
        distances.deallocate()
        ranking.deallocate()
    }
}
