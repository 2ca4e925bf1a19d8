/// A training stopped between two epochs, as `ModelTrainer` saves it: resuming from it on the same
/// documents gives the same model, bit for bit, as the uninterrupted training (with the same BLAS thread
/// count).
public struct TrainingCheckpoint: Sendable {
    /// The recipe of the interrupted training; a resumed training follows it, whatever its caller asks.
    public let configuration: ModelConfiguration
    public let vocabularySize: Int
    /// The training documents (those with a vocabulary word) and a hash of their words and counts.
    public let documents: Int
    let documentsFingerprint: UInt64
    let state: TrainingState

    init(configuration: ModelConfiguration, vocabularySize: Int, documents: Int, documentsFingerprint: UInt64,
         state: TrainingState) {
        self.configuration = configuration
        self.vocabularySize = vocabularySize
        self.documents = documents
        self.documentsFingerprint = documentsFingerprint
        self.state = state
    }

    /// Where the training stood, e.g. "fine-tuning run 2 of 2, epoch 7 of 20".
    public var position: String { state.position(configuration) }

    /// Seconds of training the checkpoint holds.
    public var elapsedSeconds: Double { state.elapsedSeconds }

    /// FNV-1a over the vocabulary size and every document's term ids and counts, in order.
    static func fingerprint(of documents: [BagOfWords], vocabularySize: Int) -> UInt64 {
        var hash = FNV1a()
        hash.mix(UInt64(vocabularySize))
        for bag in documents {
            hash.mix(UInt64(bag.termIDs.count))
            for (term, count) in zip(bag.termIDs, bag.counts) {
                hash.mix(UInt64(UInt32(bitPattern: term)) << 32 | UInt64(count.bitPattern))
            }
        }
        return hash.value
    }
}

/// Everything a training needs to continue exactly where it was between two epochs: the generators, the
/// finished and current RBMs, the current fine-tuning run, and the report so far.
///
/// Exactly one of `pretraining` and `fineTuning` is set while training runs.
struct TrainingState {
    /// Draws the initial weights (RBMs or Glorot) and the fresh code layer of the logistic stage.
    var pretrainingRandom: RandomSource
    /// Draws each fine-tuning run's generators.
    var fineTuningRandom: RandomSource
    /// The pretrained RBMs, bottom (words) first.
    var machines: [RestrictedBoltzmannMachine]
    var pretraining: PretrainingRun?
    var fineTuning: FineTuningRun?
    /// Fine-tuning runs finished before `fineTuning`: 1 during the logistic stage of a hashing recipe or the
    /// hash head's run of the default recipe.
    var finishedFineTuningRuns: Int
    /// The finished real-code model while the hash head trains; nil before.
    var realCode: FinishedFineTuning?
    /// The per-stage report and the work done (`ProgressTracker.doneWork`), for the report and the ETA.
    var stages: [TrainingReport.Stage]
    var doneWork: Double
    /// Seconds of training behind this state, over every process that worked on it.
    var elapsedSeconds: Double

    /// Where the training stands, e.g. "fine-tuning run 2 of 2, epoch 7 of 20".
    func position(_ configuration: ModelConfiguration) -> String {
        if let pretraining {
            return "pretraining layer \(pretraining.layer + 1) of \(configuration.hiddenLayers.count + 1), "
                + "epoch \(pretraining.completedEpochs) of \(configuration.pretraining.epochs)"
        }
        return (realCode == nil ? "fine-tuning" : "hash fine-tuning")
            + " run \(finishedFineTuningRuns + 1) of \(configuration.fineTuningRuns), "
            + "epoch \(fineTuning?.completedEpochs ?? 0) of "
            + "\(realCode == nil ? configuration.fineTuning.epochs : configuration.hashHeadRun.epochs)"
    }
}

/// The outcome of the real code's fine-tuning, kept while the hash head trains.
struct FinishedFineTuning: Equatable {
    /// The best epoch's network.
    var network: Autoencoder
    var bestEpoch: Int
    var stoppedEarly: Bool
}

/// When a training saves checkpoints, and where they go.
///
/// After an epoch, the trainer hands a `TrainingCheckpoint` to `save` if `interval` seconds have passed
/// since the last one (0: after every epoch), or if `stopRequested` returns true, in which case training
/// then stops with `TrainingError.interrupted`. `save` owns its failures: a checkpoint that cannot be
/// written must not stop the training it protects.
public struct CheckpointSchedule {
    public var interval: Double
    public var save: (TrainingCheckpoint) -> Void
    /// Asked after every epoch: whether to save now and stop (for Ctrl-C).
    public var stopRequested: () -> Bool

    public init(interval: Double, save: @escaping (TrainingCheckpoint) -> Void,
                stopRequested: @escaping () -> Bool = { false }) {
        precondition(interval >= 0, "a checkpoint interval cannot be negative")
        self.interval = interval
        self.save = save
        self.stopRequested = stopRequested
    }
}
