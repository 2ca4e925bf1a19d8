import Foundation

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
    /// Settings the index was built with (`setting.*` in `meta`), by name.
    public var settings: [String: Setting]

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

    /// A stored setting as the summary shows it.
    ///
    /// The text and vocabulary configurations are the values that commands read from their stored JSON, so
    /// that `--json` nests them as objects with the snake_case keys of the rest of its output, and an older
    /// index shows what it applies: a text configuration stored before `termRules` existed shows `term_rules`
    /// "basic". The stored JSON stays as it is. Any other setting (`corpus_source`) is its stored text.
    /// A configuration whose stored text does not read as its type (a damaged or hand-edited index) is its
    /// stored text too, a string where the object would be, instead of failing the whole summary: `info` is
    /// where one looks when the commands that need the configuration fail.
    public enum Setting: Encodable, Sendable, Equatable {
        case textConfiguration(TextConfiguration)
        case vocabularyConfiguration(VocabularyConfiguration)
        /// A setting stored as plain text.
        case plain(String)
        /// The stored text of a configuration that does not read as its type.
        case unreadable(String)

        /// The setting `name` read from its stored `text`.
        init(name: String, text: String) {
            switch name {
            case IndexSetting.textConfiguration.rawValue:
                self = (try? JSONText.decode(TextConfiguration.self, from: text)).map(Setting.textConfiguration)
                    ?? .unreadable(text)
            case IndexSetting.vocabularyConfiguration.rawValue:
                self = (try? JSONText.decode(VocabularyConfiguration.self, from: text)).map(Setting.vocabularyConfiguration)
                    ?? .unreadable(text)
            default:
                self = .plain(text)
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .textConfiguration(let configuration): try container.encode(configuration)
            case .vocabularyConfiguration(let configuration): try container.encode(configuration)
            case .plain(let text), .unreadable(let text): try container.encode(text)
            }
        }

        /// The setting on one line, for `info`: a configuration as compact JSON with the keys of `--json`, plain
        /// text as it is, an unreadable configuration as stored with a note saying so.
        public func line() throws -> String {
            switch self {
            case .textConfiguration, .vocabularyConfiguration:
                return String(decoding: try JSONEncoder.forOutput(indented: false).encode(self), as: UTF8.self)
            case .plain(let text): return text
            case .unreadable(let text): return text + " (unreadable)"
            }
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
        let prefix = IndexMetaKey.settingPrefix
        settings = Dictionary(uniqueKeysWithValues: metadata.filter { $0.key.hasPrefix(prefix) }.map {
            let name = String($0.key.dropFirst(prefix.count))
            return (name, Setting(name: name, text: $0.value))
        })
    }
}
