/// Topics of an index: clusters its documents' codes (`TopicModel`), names them with the index's model
/// decoder and vocabulary (terms shown as their surface words), and stores topics and assignments in the
/// index; the unassigned group is stored as topic `UnassignedGroup.id` (−1), without a centroid.
public struct IndexTopics {
    /// The topic model found, over the documents that have codes.
    public let model: TopicModel
    /// The documents' internal ids, row for row with the codes clustered.
    public let documentIDs: [Int64]
    /// The codes clustered (for the map).
    public let codes: Matrix
    /// The documents' bags of words, row for row (for coherence and baselines).
    public let documents: [BagOfWords]
    /// The index's vocabulary, with its surface words.
    public let vocabulary: Vocabulary
    /// The model whose codes were clustered (`IndexStore.modelStamp`): `save` stores nothing once another
    /// process has replaced it.
    private let modelStamp: String?

    /// Finds topics in `store`'s documents. Throws `IndexError.noModel` (or `interruptedTraining`) when the index has no model,
    /// `TopicError.noDocuments` when it has no document with a code, and `IndexError.corrupt` for a code that
    /// is not numbers or a bag of words the index could not have written (`IndexCheck` finds them all).
    public init(store: IndexStore, configuration: TopicConfiguration) throws {
        // One read transaction: the model, its codes and the documents' words of one commit.
        let (vocabulary, autoencoder, loaded, bags, labelsByID, modelStamp) = try store.read {
            guard let vocabulary = try store.loadVocabulary(),
                  let autoencoder = try store.loadSemanticHashingModel(vocabulary: vocabulary) else {
                throw store.missingModel()
            }
            guard let loaded = try store.loadCodes(), loaded.ids.count > 0 else { throw TopicError.noDocuments }
            return (vocabulary, autoencoder, loaded, try store.bags(ids: loaded.ids), try store.labelsByDocument(),
                    try store.modelStamp())
        }
        guard loaded.realCodes.values.allSatisfy(\.isFinite) else {
            throw IndexError.corrupt(store.path, "a code holds a value that is not a finite number")
        }
        let labels = loaded.ids.map { labelsByID[$0] ?? [] }
        documents = loaded.ids.map { bags[$0] ?? BagOfWords() }
        model = try TopicModel(codes: loaded.realCodes, documents: documents, vocabulary: vocabulary,
                               labels: labels.contains(where: { !$0.isEmpty }) ? labels : nil,
                               configuration: configuration, decoder: { autoencoder.decode($0) })
        documentIDs = loaded.ids
        codes = loaded.realCodes
        self.vocabulary = vocabulary
        self.modelStamp = modelStamp
    }

    /// Replaces the topics stored in `store` by these. Throws `IndexError.retrainedMeanwhile`, storing
    /// nothing, when another process stored a new model (and with it new codes) since the codes were read.
    public func save(in store: IndexStore) throws {
        var topics = model.topics.map {
            StoredTopic(id: $0.id, size: $0.size, decoderWords: $0.decoderWords.map(\.term),
                        distinctiveWords: $0.distinctiveWords.map(\.term), centroid: $0.centroid)
        }
        if model.unassigned.count > 0 {
            topics.append(StoredTopic(id: UnassignedGroup.id, size: model.unassigned.count, decoderWords: [],
                                      distinctiveWords: model.unassigned.commonWords.map(\.term), centroid: []))
        }
        let assignments = zip(documentIDs, model.documentTopics).map {
            TopicAssignment(documentID: $0, topicID: $1.topic, distance: $1.distance)
        }
        try store.write {
            guard try store.modelStamp() == modelStamp else { throw IndexError.retrainedMeanwhile(store.path) }
            try store.saveTopics(topics, assignments: assignments)
        }
    }
}
