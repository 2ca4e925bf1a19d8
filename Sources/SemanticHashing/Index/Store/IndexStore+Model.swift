import Foundation

extension IndexStore {
    /// Stores the model, replacing any previous one; `trainedAt` is set to now. Codes computed by an
    /// earlier model stay until replaced: save new codes in the same transaction.
    public func saveModel(_ model: StoredModel) throws(IndexError) {
        try connection.run(
            "INSERT OR REPLACE INTO model(id, architecture, weights, vocabulary_fingerprint, trained_at, training) "
                + "VALUES (1, ?, ?, ?, \(IndexSchema.now), ?)"
        ) { statement throws(IndexError) in
            try statement.bind(model.architectureJSON, at: 1)
            try statement.bind(blob: model.weights, at: 2)
            try statement.bind(model.vocabularyFingerprint, at: 3)
            try statement.bind(model.trainingJSON, at: 4)
        }
    }

    /// What tells one saved model from another without reading its weights (when it was saved, to the
    /// millisecond, and the vocabulary it reads), or nil when there is none: a write that encodes with a model
    /// read earlier checks in its transaction that the stamp is unchanged.
    public func modelStamp() throws(IndexError) -> String? {
        try connection.withStatement("SELECT trained_at, vocabulary_fingerprint FROM model WHERE id = 1") {
            statement throws(IndexError) -> String? in
            try statement.step()
                ? Self.modelStamp(trainedAt: statement.text(at: 0), vocabularyFingerprint: statement.text(at: 1)) : nil
        }
    }

    /// The stamp `modelStamp` gives a model saved at `trainedAt` (ISO 8601, milliseconds) over the vocabulary
    /// of `vocabularyFingerprint`: how another store (PostgreSQL) stamps its model the same way.
    public static func modelStamp(trainedAt: String, vocabularyFingerprint: String) -> String {
        trainedAt + " " + vocabularyFingerprint
    }

    /// The stored model, or nil when none was trained.
    public func loadModel() throws(IndexError) -> StoredModel? {
        // The weights (megabytes) are read by incremental blob I/O, in the same transaction as the rest.
        try readIndex { () throws(IndexError) -> StoredModel? in
            let row = try connection.withStatement(
                "SELECT rowid, architecture, vocabulary_fingerprint, training, trained_at FROM model WHERE id = 1"
            ) { statement throws(IndexError) -> (Int64, String, String, String?, String)? in
                guard try statement.step() else { return nil }
                return (statement.int64(at: 0), statement.text(at: 1), statement.text(at: 2),
                        statement.optionalText(at: 3), statement.text(at: 4))
            }
            guard let (rowID, architecture, fingerprint, training, trainedAt) = row else { return nil }
            return StoredModel(architectureJSON: architecture,
                               weights: try connection.readBlob(table: "model", column: "weights", rowID: rowID),
                               vocabularyFingerprint: fingerprint, trainingJSON: training, trainedAt: trainedAt)
        }
    }

    /// Saves training state under `name`, replacing an earlier checkpoint of that name.
    public func saveCheckpoint(_ data: [UInt8], name: String) throws(IndexError) {
        try connection.run(
            "INSERT OR REPLACE INTO checkpoints(name, data, saved_at) VALUES (?, ?, \(IndexSchema.now))"
        ) { statement throws(IndexError) in
            try statement.bind(name, at: 1)
            try statement.bind(blob: data, at: 2)
        }
    }

    /// The checkpoint saved under `name`, or nil.
    public func loadCheckpoint(name: String) throws(IndexError) -> [UInt8]? {
        try connection.withStatement("SELECT data FROM checkpoints WHERE name = ?") {
            statement throws(IndexError) -> [UInt8]? in
            try statement.bind(name, at: 1)
            return try statement.step() ? statement.blob(at: 0) : nil
        }
    }

    /// The names of the saved checkpoints, sorted.
    public func checkpointNames() throws(IndexError) -> [String] {
        try connection.withStatement("SELECT name FROM checkpoints ORDER BY name") { statement throws(IndexError) in
            var names: [String] = []
            while try statement.step() { names.append(statement.text(at: 0)) }
            return names
        }
    }

    /// Deletes the checkpoint saved under `name`; returns whether there was one.
    @discardableResult
    public func deleteCheckpoint(name: String) throws(IndexError) -> Bool {
        try connection.run("DELETE FROM checkpoints WHERE name = ?") { statement throws(IndexError) in
            try statement.bind(name, at: 1)
        }
        return connection.changes > 0
    }
}

/// A trained model as the index keeps it: opaque serialized weights plus JSON the model layer defines.
public struct StoredModel: Sendable, Equatable {
    /// The architecture (layer sizes, unit types), as JSON.
    public var architectureJSON: String
    /// The serialized parameters.
    public var weights: [UInt8]
    /// `Vocabulary.fingerprint` of the vocabulary the model reads, checked before applying the model.
    public var vocabularyFingerprint: String
    /// Training settings and final losses, as JSON; nil when not recorded.
    public var trainingJSON: String?
    /// When the model was saved (ISO 8601 UTC): set by the store, nil on a model not yet saved.
    public var trainedAt: String?

    public init(architectureJSON: String, weights: [UInt8], vocabularyFingerprint: String,
                trainingJSON: String? = nil, trainedAt: String? = nil) {
        self.architectureJSON = architectureJSON
        self.weights = weights
        self.vocabularyFingerprint = vocabularyFingerprint
        self.trainingJSON = trainingJSON
        self.trainedAt = trainedAt
    }
}

/// The model as the index keeps it: the serialized network in `model.weights`, its configuration as the
/// architecture JSON, the training report as JSON, and the vocabulary fingerprint it was trained on.
extension IndexStore {
    /// Stores `model` (replacing any model) with its training report. Call inside the same `write` that
    /// replaces the codes, so that codes and model always agree.
    public func saveModel(_ model: SemanticHashingModel, report: TrainingReport?, vocabulary: Vocabulary) throws {
        precondition(model.vocabularySize == vocabulary.count, "the model reads another vocabulary size")
        try saveModel(StoredModel(
            architectureJSON: JSONText.encode(ModelArchitecture(model)),
            weights: model.serialized(),
            vocabularyFingerprint: vocabulary.fingerprint,
            trainingJSON: try report.map { try JSONText.encode($0) }))
    }

    /// Makes a finished training the index's model in one transaction: stores the model and its report,
    /// re-encodes every document, and drops the training checkpoint that led to it and the topics, whose
    /// centroids and assignments describe the old model's codes (`semhash topics` finds them anew).
    public func adoptTrainedModel(_ result: TrainingResult, vocabulary: Vocabulary) throws {
        try write {
            try saveModel(result.model, report: result.report, vocabulary: vocabulary)
            try CodeEncoding.reencodeAll(in: self, model: result.model)
            try deleteTrainingCheckpoint()
            try saveTopics([], assignments: [])
        }
    }

    /// Makes the model of `other` this index's model, with its vocabulary and text settings, so that documents
    /// indexed here afterwards are tokenized and encoded exactly as `other`'s were (`index --model`).
    ///
    /// Throws `IndexError.noModel` when `other` has no model, and `IndexError.modelVocabularyMismatch` when
    /// this index already holds a different vocabulary.
    public func adoptModel(of other: IndexStore) throws {
        guard let vocabulary = try other.loadVocabulary(),
              let model = try other.loadSemanticHashingModel(vocabulary: vocabulary) else {
            throw IndexError.noModel(other.path)
        }
        if let existing = try loadVocabulary(), existing.fingerprint != vocabulary.fingerprint {
            throw IndexError.modelVocabularyMismatch(path)
        }
        let text = try other.storedTextConfiguration() ?? TextConfiguration()
        try write {
            try saveVocabulary(vocabulary)
            try setSetting(.textConfiguration, try JSONText.encode(text))
            try saveModel(model, report: nil, vocabulary: vocabulary)
        }
    }

    /// The stored model's encoders keeping the word-layer rows of `terms` only (`ModelEncoder`), read piecewise
    /// from the stored blob: what encoding a few questions needs, without loading the whole model. Nil when the
    /// index has no model yet.
    ///
    /// Throws `IndexError.modelVocabularyMismatch` when the model was trained on another vocabulary, and
    /// `IndexError.unreadableModel` when its header, checksum or shapes are wrong: the whole blob streams
    /// through the checksum first, through one buffer of a megabyte, as a whole-model load checks it.
    public func loadEncoder(vocabulary: Vocabulary, keeping terms: [Int32]) throws(IndexError) -> ModelEncoder? {
        try readIndex { () throws(IndexError) -> ModelEncoder? in
            let row = try connection.withStatement("SELECT rowid, vocabulary_fingerprint FROM model WHERE id = 1") {
                statement throws(IndexError) -> (Int64, String)? in
                try statement.step() ? (statement.int64(at: 0), statement.text(at: 1)) : nil
            }
            guard let (rowID, fingerprint) = row else { return nil }
            guard fingerprint == vocabulary.fingerprint else { throw .modelVocabularyMismatch(path) }
            let encoder = try connection.withBlob(table: "model", column: "weights", rowID: rowID) {
                blob throws(IndexError) -> ModelEncoder in
                do {
                    // The whole blob streams through the checksum (no copy of it is kept), then the kept parts are read.
                    try SealedBlob.verify(byteCount: blob.count, magic: SemanticHashingModel.magic,
                                          versions: SemanticHashingModel.readableVersions) {
                        offset, buffer in try blob.read(offset: offset, into: buffer)
                    }
                    return try ModelEncoder(serializedByteCount: blob.count, keeping: terms) { offset, count in
                        try blob.read(offset: offset, count: count)
                    }
                } catch let error as IndexError {
                    throw error
                } catch let error as ModelError {
                    throw .unreadableModel(path, error)
                } catch {
                    throw .unreadableModel(path, .malformed("\(error)"))
                }
            }
            guard encoder.vocabularySize == vocabulary.count else { throw .modelVocabularyMismatch(path) }
            return encoder
        }
    }

    /// The stored model, checked against the stored vocabulary; nil when the index has no model yet.
    ///
    /// Throws `IndexError.modelVocabularyMismatch` when the model was trained on another vocabulary, and
    /// the model's own error when its bytes are damaged.
    public func loadSemanticHashingModel(vocabulary: Vocabulary) throws -> SemanticHashingModel? {
        guard let stored = try loadModel() else { return nil }
        guard stored.vocabularyFingerprint == vocabulary.fingerprint else {
            throw IndexError.modelVocabularyMismatch(path)
        }
        let model: SemanticHashingModel
        do {
            model = try SemanticHashingModel(serialized: stored.weights)
        } catch {
            throw IndexError.unreadableModel(path, error)
        }
        guard model.vocabularySize == vocabulary.count else { throw IndexError.modelVocabularyMismatch(path) }
        return model
    }
}

/// The summary of a model stored as JSON beside its weights, readable with the `sqlite3` shell.
public struct ModelArchitecture: Codable, Sendable {
    /// Layer widths, e.g. "2000-500-250-125-10".
    public var layers: String
    public var codeSize: Int
    public var codeUnits: String
    /// Bits of each hash; nil in indexes made before hash heads (their hash has `codeSize` bits).
    public var hashBits: Int?
    /// Whether the hash comes from a hash head (else it is the cut real code); nil before hash heads.
    public var hashHead: Bool?
    public var configuration: ModelConfiguration

    public init(_ model: SemanticHashingModel) {
        layers = model.architectureDescription
        codeSize = model.codeSize
        codeUnits = model.configuration.codeUnits.rawValue
        hashBits = model.hashBitCount
        hashHead = model.hashHead != nil
        configuration = model.configuration
    }

    /// Code size and hash, e.g. "10-D real code, 64-bit hash from a hash head".
    public var codesDescription: String {
        let bits = hashBits ?? codeSize
        let hash = hashHead == true ? "\(bits)-bit hash from a hash head" : "\(bits)-bit hash cut from the code"
        return codeUnits == CodeUnits.logistic.rawValue
            ? "\(codeSize)-unit logistic code, \(hash)" : "\(codeSize)-D real code, \(hash)"
    }
}

/// The checkpoint of an interrupted training, kept in the `checkpoints` table under the name "training"
/// until the model it leads to is saved.
extension IndexStore {
    private static let trainingCheckpointName = "training"

    /// Stores `checkpoint`, replacing the previous one, in its own transaction unless called inside `write`.
    public func saveTrainingCheckpoint(_ checkpoint: TrainingCheckpoint) throws(IndexError) {
        try saveCheckpoint(checkpoint.serialized(), name: Self.trainingCheckpointName)
    }

    /// The saved checkpoint, or nil when no training was interrupted. Throws `TrainingError.unreadableCheckpoint`
    /// when its bytes are damaged.
    public func loadTrainingCheckpoint() throws -> TrainingCheckpoint? {
        try loadCheckpoint(name: Self.trainingCheckpointName).map { try TrainingCheckpoint(serialized: $0) }
    }

    /// What to throw when the index has no model: `trainingInProgress` while another process trains it,
    /// `interruptedTraining` when a training checkpoint waits to be resumed, else `noModel`.
    public func missingModel() -> IndexError {
        isBeingTrained() ? .trainingInProgress(path)
            : (try? hasTrainingCheckpoint()) == true ? .interruptedTraining(path) : .noModel(path)
    }

    /// Whether a training checkpoint is saved (without reading it).
    public func hasTrainingCheckpoint() throws(IndexError) -> Bool {
        try checkpointNames().contains(Self.trainingCheckpointName)
    }

    /// Drops the checkpoint; call in the transaction that saves the finished model.
    public func deleteTrainingCheckpoint() throws(IndexError) {
        try deleteCheckpoint(name: Self.trainingCheckpointName)
    }
}
