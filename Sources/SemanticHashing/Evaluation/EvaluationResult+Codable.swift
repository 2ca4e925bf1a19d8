/// The JSON form of `EvaluationResult`: fixed snake-case keys plus one `precision_at_<k>` key per cutoff,
/// so that a reader can pick `precision_at_100` without knowing which cutoffs were measured. Decoding
/// restores the cutoffs in increasing order.
extension EvaluationResult: Codable {
    /// A JSON key of any name.
    fileprivate struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }

        static let method = Key("method"), metric = Key("metric"), queries = Key("queries")
        static let skippedQueries = Key("skipped_queries"), database = Key("database"), map = Key("map")
        static let precisionAtRecall = Key("precision_at_recall"), curve = Key("curve")
        static let meanQueryMilliseconds = Key("mean_query_ms"), wallSeconds = Key("wall_seconds")
        static let tieBreakingSeed = Key("tie_breaking_seed")
        static let cutoffPrefix = "precision_at_"

        static func precision(atCutoff k: Int) -> Key { Key(cutoffPrefix + String(k)) }

        /// The cutoff k of a `precision_at_<k>` key, or nil for any other key.
        var cutoff: Int? {
            guard stringValue.hasPrefix(Self.cutoffPrefix) else { return nil }
            return Int(stringValue.dropFirst(Self.cutoffPrefix.count))
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        let cutoffs = container.allKeys.compactMap(\.cutoff).sorted()
        self.init(
            method: try container.decode(String.self, forKey: .method),
            metric: try container.decode(String.self, forKey: .metric),
            queries: try container.decode(Int.self, forKey: .queries),
            skippedQueries: try container.decode(Int.self, forKey: .skippedQueries),
            database: try container.decode(Int.self, forKey: .database),
            precisionAtCutoffs: try cutoffs.map { k in
                CutoffPrecision(cutoff: k, precision: try container.decode(Double.self, forKey: .precision(atCutoff: k)))
            },
            meanAveragePrecision: try container.decode(Double.self, forKey: .map),
            precisionAtRecalls: try container.decode([RecallPrecision].self, forKey: .precisionAtRecall),
            curve: try container.decode([RecallPrecision].self, forKey: .curve),
            meanQueryMilliseconds: try container.decode(Double.self, forKey: .meanQueryMilliseconds),
            wallSeconds: try container.decode(Double.self, forKey: .wallSeconds),
            tieBreakingSeed: try container.decode(UInt64.self, forKey: .tieBreakingSeed))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(method, forKey: .method)
        try container.encode(metric, forKey: .metric)
        try container.encode(queries, forKey: .queries)
        try container.encode(skippedQueries, forKey: .skippedQueries)
        try container.encode(database, forKey: .database)
        for entry in precisionAtCutoffs { try container.encode(entry.precision, forKey: .precision(atCutoff: entry.cutoff)) }
        try container.encode(meanAveragePrecision, forKey: .map)
        try container.encode(precisionAtRecalls, forKey: .precisionAtRecall)
        try container.encode(curve, forKey: .curve)
        try container.encode(meanQueryMilliseconds, forKey: .meanQueryMilliseconds)
        try container.encode(wallSeconds, forKey: .wallSeconds)
        try container.encode(tieBreakingSeed, forKey: .tieBreakingSeed)
    }
}

/// The JSON of an evaluation run (`eval --json`): the model's figures at the top level (the first metric
/// measured), every metric under `metrics`, and each baseline under `baselines.<name>`.
public struct EvaluationOutput: Encodable {
    public var models: [EvaluationResult]
    /// Each baseline's name (as `BaselineKind` spells it) with its result.
    public var baselines: [(String, EvaluationResult)]
    /// The index evaluated.
    public var index: String

    public init(models: [EvaluationResult], baselines: [(String, EvaluationResult)], index: String) {
        self.models = models
        self.baselines = baselines
        self.index = index
    }

    public func encode(to encoder: Encoder) throws {
        typealias Key = EvaluationResult.Key
        if let primary = models.first { try primary.encode(to: encoder) }
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(index, forKey: Key("index"))
        if models.isEmpty, let first = baselines.first?.1 {
            try container.encode(first.queries, forKey: Key("queries"))
            try container.encode(first.database, forKey: Key("database"))
        }
        var metrics = container.nestedContainer(keyedBy: Key.self, forKey: Key("metrics"))
        for result in models { try metrics.encode(result, forKey: Key(result.metric)) }
        var nested = container.nestedContainer(keyedBy: Key.self, forKey: Key("baselines"))
        for (name, result) in baselines { try nested.encode(result, forKey: Key(name)) }
    }
}
