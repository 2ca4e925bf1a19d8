/// Trains the model of an index on documents it holds, saving checkpoints into the index as it goes and
/// resuming from the saved one when asked, then makes the result the index's model (see
/// `IndexStore.adoptTrainedModel`): the one way `index` and `train` train, for a library user as for the CLI.
///
/// Checkpoints are written at most every `checkpointInterval` seconds (0: after every epoch) and whenever
/// `stopRequested` says so, after which training stops with `TrainingError.interrupted`. A checkpoint that
/// cannot be written does not stop the training it protects: it is reported through `notes`.
public struct IndexTraining {
    /// The settings of a new training; a resumed one follows the settings saved with its checkpoint.
    public var configuration: ModelConfiguration
    /// Seconds between checkpoints (0: after every epoch).
    public var checkpointInterval: Double
    /// Whether to continue the interrupted training whose checkpoint the index holds.
    public var resumes: Bool

    public init(configuration: ModelConfiguration = ModelConfiguration(), checkpointInterval: Double = 60,
                resumes: Bool = false) {
        precondition(checkpointInterval >= 0, "a checkpoint interval cannot be negative")
        self.configuration = configuration
        self.checkpointInterval = checkpointInterval
        self.resumes = resumes
    }

    /// What a training tells its caller besides epoch progress.
    public enum Note: Sendable, Equatable {
        /// Training starts: the architecture and the number of documents.
        case starting(architecture: String, documents: Int)
        /// A checkpoint was found and training continues from it. `ignoringOtherSettings` when the settings
        /// asked for differ from the checkpoint's, which the resumed training keeps.
        case resuming(position: String, secondsAlreadyDone: Double, ignoringOtherSettings: Bool)
        /// Resuming was asked for, but the index holds no checkpoint: training starts over.
        case nothingToResume
        /// The index holds a checkpoint, but resuming was not asked for: training starts over.
        case startingOverAnInterruptedTraining
        /// A checkpoint could not be saved (the reason); training goes on.
        case checkpointNotSaved(String)
    }

    /// Trains on `bags` (the index's documents over `vocabulary`, in the index's order) and stores the model
    /// and every document's code in one transaction. Holds the index's training lock throughout
    /// (`IndexStore.holdingTrainingLock`): a second training of the same index waits for this one, then fails
    /// with `IndexError.trainingInProgress`, before it starts.
    public func run(on bags: [BagOfWords], vocabulary: Vocabulary, in store: IndexStore,
                    stopRequested: @escaping () -> Bool = { false }, notes: @escaping (Note) -> Void = { _ in },
                    progress: (TrainingProgress) -> Void = { _ in }) throws -> TrainingResult {
        try store.holdingTrainingLock {
            let result = try train(on: bags, vocabulary: vocabulary, checkpoints: store, stopRequested: stopRequested,
                                   notes: notes, progress: progress)
            try store.adoptTrainedModel(result, vocabulary: vocabulary)
            return result
        }
    }

    /// Trains on `bags` with checkpoints kept by `checkpoints` (resumed from there when `resumes`) and
    /// returns the result without storing it: for a store that adopts the model its own way (PostgreSQL).
    public func train(on bags: [BagOfWords], vocabulary: Vocabulary, checkpoints: some TrainingCheckpointStore,
                      stopRequested: @escaping () -> Bool = { false }, notes: @escaping (Note) -> Void = { _ in },
                      progress: (TrainingProgress) -> Void = { _ in }) throws -> TrainingResult {
        let checkpoint = try resumableCheckpoint(in: checkpoints, notes: notes)
        let trainer = ModelTrainer(configuration: checkpoint?.configuration ?? configuration)
        notes(.starting(architecture: trainer.configuration.architectureDescription(vocabularySize: vocabulary.count),
                        documents: bags.count))
        let schedule = CheckpointSchedule(interval: checkpointInterval, save: { checkpoint in
            do {
                try checkpoints.saveTrainingCheckpoint(checkpoint)
            } catch {
                notes(.checkpointNotSaved("\(error)"))
            }
        }, stopRequested: stopRequested)
        return try trainer.train(BagOfWordsMatrix(bags, width: vocabulary.count), resuming: checkpoint,
                                 checkpoints: schedule, progress: progress)
    }

    /// Trains on every document the index holds, or on `sample` of them (for retraining an index).
    public func run(in store: IndexStore, sample: TrainingSample? = nil, stopRequested: @escaping () -> Bool = { false },
                    notes: @escaping (Note) -> Void = { _ in }, progress: (TrainingProgress) -> Void = { _ in }) throws -> TrainingResult {
        guard let vocabulary = try store.loadVocabulary() else { throw IndexError.noDocuments(store.path) }
        var bags: [BagOfWords] = []
        if let sample {
            let chosen = sample.choose(from: try store.documentIDs())
            let found = try store.bags(ids: chosen)
            bags = chosen.compactMap { found[$0] }
        } else {
            try store.forEachBag { _, bag in bags.append(bag) }
        }
        return try run(on: bags, vocabulary: vocabulary, in: store, stopRequested: stopRequested, notes: notes,
                       progress: progress)
    }

    /// The checkpoint to resume from when resuming; notes what it found either way.
    private func resumableCheckpoint(in store: some TrainingCheckpointStore, notes: (Note) -> Void) throws
        -> TrainingCheckpoint?
    {
        guard resumes else {
            if try store.hasTrainingCheckpoint() { notes(.startingOverAnInterruptedTraining) }
            return nil
        }
        guard let checkpoint = try store.loadTrainingCheckpoint() else {
            notes(.nothingToResume)
            return nil
        }
        notes(.resuming(position: checkpoint.position, secondsAlreadyDone: checkpoint.elapsedSeconds,
                        ignoringOtherSettings: checkpoint.configuration != configuration))
        return checkpoint
    }
}

/// Where a training keeps the checkpoint of an interrupted run: the index it trains (`IndexStore`), or a
/// stand-in for a store that saves it its own way.
public protocol TrainingCheckpointStore {
    /// The saved checkpoint, or nil when no training was interrupted.
    func loadTrainingCheckpoint() throws -> TrainingCheckpoint?
    /// Whether a checkpoint is saved.
    func hasTrainingCheckpoint() throws -> Bool
    /// Saves `checkpoint`, replacing the previous one.
    func saveTrainingCheckpoint(_ checkpoint: TrainingCheckpoint) throws
}

extension IndexStore: TrainingCheckpointStore {}

/// The documents a training reads when the collection is too large to train on whole (`--train-sample`):
/// `size` of them, uniformly at random without replacement, chosen by a generator seeded with `seed`, so
/// that the same ids and seed give the same sample on every machine and store.
public struct TrainingSample: Sendable, Equatable {
    /// How many documents to train on (all of them when there are fewer).
    public var size: Int
    public var seed: UInt64

    public init(size: Int, seed: UInt64) {
        precondition(size > 0, "a training sample holds at least one document")
        self.size = size
        self.seed = seed
    }

    /// `size` of `ids` in increasing order (a partial Fisher-Yates shuffle of their positions in increasing
    /// order), or all of them when there are not more.
    public func choose(from ids: [Int64]) -> [Int64] {
        choose(from: ids, values: ids)
    }

    /// The values of the ids `choose(from: ids)` picks (`values[i]` belongs to `ids[i]`), in increasing id.
    public func choose<Value>(from ids: [Int64], values: [Value]) -> [Value] {
        precondition(ids.count == values.count, "one value per id")
        let order = ids.indices.sorted { ids[$0] < ids[$1] }
        guard order.count > size else { return order.map { values[$0] } }
        var positions = Array(order.indices)
        var generator = SplitMix64(seed: seed)
        for index in 0..<size {
            let remaining = UInt64(positions.count - index)
            let pick = index + Int(generator.next().multipliedFullWidth(by: remaining).high)
            positions.swapAt(index, pick)
        }
        return positions[0..<size].sorted().map { values[order[$0]] }
    }
}

/// Encodes documents with a model and stores their codes and hashes.
public enum CodeEncoding {
    /// Encodes `bags` (documents `ids`) and stores their codes and hashes. Call inside a `write`.
    public static func store(ids: [Int64], bags: [BagOfWords], model: SemanticHashingModel,
                             in store: IndexStore) throws {
        precondition(ids.count == bags.count, "one id per bag")
        guard !ids.isEmpty else { return }
        let encoded = model.encodeWithHashes(bags)
        try store.saveCodes(ids: ids, codes: encoded.codes, hashes: encoded.hashes)
    }

    /// Replaces the codes of every document in `store` by those of `model`. Call inside a `write`.
    public static func reencodeAll(in store: IndexStore, model: SemanticHashingModel) throws {
        try store.removeAllCodes()
        var ids: [Int64] = []
        var bags: [BagOfWords] = []
        try store.forEachBag { id, bag in
            ids.append(id)
            bags.append(bag)
            if ids.count == 10_000 {
                try Self.store(ids: ids, bags: bags, model: model, in: store)
                ids.removeAll(keepingCapacity: true)
                bags.removeAll(keepingCapacity: true)
            }
        }
        try Self.store(ids: ids, bags: bags, model: model, in: store)
    }
}
