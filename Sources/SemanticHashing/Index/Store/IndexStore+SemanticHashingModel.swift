import Foundation

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
    /// re-encodes every document, and drops the training checkpoint that led to it.
    public func adoptTrainedModel(_ result: TrainingResult, vocabulary: Vocabulary) throws {
        try write {
            try saveModel(result.model, report: result.report, vocabulary: vocabulary)
            try CodeEncoding.reencodeAll(in: self, model: result.model)
            try deleteTrainingCheckpoint()
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
    public var configuration: ModelConfiguration

    public init(_ model: SemanticHashingModel) {
        layers = model.architectureDescription
        codeSize = model.codeSize
        codeUnits = model.configuration.codeUnits.rawValue
        configuration = model.configuration
    }
}
