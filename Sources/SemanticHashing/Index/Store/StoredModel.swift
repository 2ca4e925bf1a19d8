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
