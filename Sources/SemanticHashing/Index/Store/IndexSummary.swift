/// What an index holds, for `semhash info`: counts, labels, vocabulary, settings and model.
public struct IndexSummary: Encodable, Sendable {
    public var path: String
    public var formatVersion: Int
    public var documents: Int
    /// Label → number of documents carrying it.
    public var labels: [String: Int]
    /// Vocabulary size (0 before the first indexing).
    public var vocabulary: Int
    /// The terms of highest document frequency, most frequent first, with their words.
    public var topTerms: [TermFrequency]
    /// Documents with a stored code and hash.
    public var codes: Int
    public var topics: Int
    /// The stored model's architecture and training record (JSON as stored), when there is a model.
    public var model: ModelSummary?
    /// Settings the index was built with (`setting.*` in `meta`), JSON values as stored.
    public var settings: [String: String]

    public struct TermFrequency: Encodable, Sendable {
        public var term: String
        /// The term's most frequent surface form, what a person reads (`Vocabulary.words`).
        public var word: String
        public var documentFrequency: Int
    }

    public struct ModelSummary: Encodable, Sendable {
        /// Layer widths, e.g. "2000-500-10", with the code units and the whole configuration.
        public var architecture: ModelArchitecture?
        /// How training went (stages, times, losses), when recorded.
        public var training: TrainingReport?
        public var trainedAt: String?

        enum CodingKeys: String, CodingKey { case architecture, training, trainedAt = "trained_at" }

        /// One line: layers, code units, training time.
        public var line: String {
            guard let architecture else { return "unreadable architecture" }
            var text = "\(architecture.layers) (\(architecture.codeUnits) code units; \(architecture.codesDescription))"
            if let trainedAt { text += ", trained \(trainedAt)" }
            if let training { text += String(format: " in %.0f s", training.totalSeconds) }
            return text
        }
    }

    enum CodingKeys: String, CodingKey {
        case path, formatVersion = "format_version", documents, labels, vocabulary, topTerms = "top_terms", codes,
             topics, model, settings
    }

    /// How many top terms a summary lists unless asked for another number (`info`, `/api/info`).
    public static let standardTopTermCount = 50

    /// Reads the summary of `store`, listing `topTermCount` top terms.
    /// Summarizes `store` as one snapshot, so that a process writing meanwhile cannot make counts disagree.
    public init(of store: IndexStore, topTermCount: Int = standardTopTermCount) throws {
        self = try store.read { try IndexSummary(snapshotOf: store, topTermCount: topTermCount) }
    }

    private init(snapshotOf store: IndexStore, topTermCount: Int) throws {
        let (vocabulary, model, metadata, documents, labels, codes, topics) = try store.read {
            (try store.loadVocabulary(), try store.loadModel(), try store.metadata(), try store.documentCount(),
             try store.labelCounts(), try store.codeCount(), try store.loadTopics().filter(\.isPlaced).count)
        }
        path = store.path
        formatVersion = store.formatVersion
        self.documents = documents
        self.labels = labels
        self.vocabulary = vocabulary?.count ?? 0
        topTerms = vocabulary.map { vocabulary in
            vocabulary.terms.indices
                .sorted {
                    let (a, b) = (vocabulary.documentFrequencies[$0], vocabulary.documentFrequencies[$1])
                    return a != b ? a > b : vocabulary.terms[$0].utf8.lexicographicallyPrecedes(vocabulary.terms[$1].utf8)
                }
                .prefix(topTermCount)
                .map { TermFrequency(term: vocabulary.terms[$0], word: vocabulary.words[$0],
                                     documentFrequency: vocabulary.documentFrequencies[$0]) }
        } ?? []
        self.codes = codes
        self.topics = topics
        self.model = model.map {
            ModelSummary(architecture: try? JSONText.decode(ModelArchitecture.self, from: $0.architectureJSON),
                         training: $0.trainingJSON.flatMap { try? JSONText.decode(TrainingReport.self, from: $0) },
                         trainedAt: $0.trainedAt)
        }
        let prefix = "setting."
        settings = Dictionary(uniqueKeysWithValues: metadata.filter { $0.key.hasPrefix(prefix) }
            .map { (String($0.key.dropFirst(prefix.count)), $0.value) })
    }
}
