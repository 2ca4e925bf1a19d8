/// Trains a `SemanticHashingModel`, then sets per-unit hash thresholds from the training codes.
///
/// With `pretraining.epochs > 0` (the papers' method): greedy RBM pretraining, unrolling, back-propagation
/// fine-tuning. Otherwise (the default recipe): a Glorot-initialised autoencoder fine-tuned directly; for
/// logistic codes it is first trained with a linear code of `realStageCodeSize` units, then its code layer (and the
/// first decoder layer) is replaced by fresh logistic units and fine-tuned again with code noise, which
/// hashes better than training the logistic code from scratch.
///
/// A linear code is followed by the hash head's training when `hashHeadBits` is set (the default, 64 bits):
/// a copy of the finished real-code network, its code layer and first decoder layer replaced by fresh
/// logistic units, fine-tuned with code noise as that logistic second stage; its encoder becomes the model's
/// `hashHead`.
///
/// Bags with no in-vocabulary word are left out of training (counted in the report). Training sets the
/// OpenBLAS thread count to `configuration.threads` for its duration and restores the previous count.
/// The same configuration, bags and thread count give a bit-identical model.
public struct ModelTrainer: Sendable {
    /// The recipe every `train` call follows.
    public var configuration: ModelConfiguration

    public init(configuration: ModelConfiguration = ModelConfiguration()) {
        self.configuration = configuration
    }

    /// Trains on `documents` (bags over a vocabulary of `documents.width` words), calling `progress` after
    /// every epoch.
    ///
    /// With `checkpoints`, the state of the training is handed out between epochs as the schedule says;
    /// with `resuming`, training continues from such a checkpoint (following its configuration, not
    /// `self.configuration`, except for the thread count) and ends with the model the uninterrupted
    /// training would have made.
    ///
    /// Throws `.invalidConfiguration`, `.termOutOfRange`, `.noTrainingDocuments`, `.checkpoint` when the
    /// checkpoint belongs to other documents, `.diverged` when a weight or loss becomes NaN or infinite, or
    /// `.interrupted` after saving a checkpoint when the schedule's `stopRequested` says so.
    public func train(_ matrix: BagOfWordsMatrix, resuming checkpoint: TrainingCheckpoint? = nil,
                      checkpoints: CheckpointSchedule? = nil,
                      progress: (TrainingProgress) -> Void = { _ in }) throws(TrainingError) -> TrainingResult {
        var configuration = configuration
        if let checkpoint {
            configuration = checkpoint.configuration
            configuration.threads = self.configuration.threads
        }
        try configuration.validate()
        let bags = matrix.rows, vocabularySize = matrix.width
        guard vocabularySize > 0 else { throw .invalidConfiguration("the vocabulary is empty") }
        if let (document, term) = matrix.firstTermOutOfRange {
            throw .termOutOfRange(document: document, termID: term, vocabularySize: vocabularySize)
        }
        let documents = bags.filter { $0.length > 0 }
        guard !documents.isEmpty else { throw .noTrainingDocuments }
        let fingerprint = TrainingCheckpoint.fingerprint(of: documents, vocabularySize: vocabularySize)
        if let checkpoint, checkpoint.documentsFingerprint != fingerprint || checkpoint.vocabularySize != vocabularySize {
            throw .checkpointOfOtherDocuments(savedDocuments: checkpoint.documents, currentDocuments: documents.count)
        }

        let previousThreads = BLASThreads.current
        BLASThreads.set(configuration.threads)
        defer { BLASThreads.set(previousThreads) }
        let weighting = configuration.inputTransform == .scaledLogTFIDF
            ? InputWeighting(fittedTo: documents, vocabularySize: vocabularySize, scale: configuration.inputScale)
            : nil
        var session = TrainingSession(
            configuration: configuration, documents: documents, vocabularySize: vocabularySize, fingerprint: fingerprint,
            weighting: weighting,
            state: checkpoint?.state ?? initialState(documents: documents, vocabularySize: vocabularySize,
                                                     weighting: weighting, configuration: configuration),
            plannedWork: plannedWork(configuration, documents: documents, vocabularySize: vocabularySize),
            checkpoints: checkpoints)
        let reference = ProductThroughput.gflops(m: configuration.pretraining.batchSize, k: vocabularySize,
                                                 n: configuration.hiddenLayers.first ?? configuration.codeSize)
        try session.pretrain(progress: progress)
        let (run, hashHead) = try session.fineTune(progress: progress)
        let thresholds = hashThresholds(configuration, network: run.network, documents: documents)
        let model = SemanticHashingModel(configuration: configuration, network: run.network, hashThresholds: thresholds,
                                         hashHead: hashHead)
        let report = TrainingReport(stages: session.tracker.stages, referenceProductGFLOPS: reference,
                                    threads: configuration.threads, trainingDocuments: documents.count,
                                    skippedEmptyDocuments: bags.count - documents.count,
                                    fineTuningBestEpoch: run.bestEpoch, fineTuningStoppedEarly: run.stoppedEarly,
                                    neighbourGraphSeconds: session.neighbourGraphSeconds,
                                    spectralBitsSeconds: session.spectralBitsSeconds,
                                    totalSeconds: session.elapsedSeconds)
        return TrainingResult(model: model, report: report)
    }

    /// The state before the first epoch: the first RBM when pretraining, else a Glorot-initialised
    /// autoencoder (with a linear code of `realStageCodeSize` units first when the code is logistic).
    private func initialState(documents: [BagOfWords], vocabularySize: Int, weighting: InputWeighting?,
                              configuration: ModelConfiguration) -> TrainingState {
        var random = RandomSource(seed: configuration.seed)
        var state = TrainingState(pretrainingRandom: random.split(), fineTuningRandom: random.split(), machines: [],
                                  pretraining: nil, fineTuning: nil, finishedFineTuningRuns: 0, realCode: nil, stages: [],
                                  doneWork: 0, elapsedSeconds: 0)
        if configuration.pretraining.epochs > 0 {
            state.pretraining = PretrainingRun(layer: 0, bags: documents, vocabularySize: vocabularySize,
                                               configuration: configuration, random: &state.pretrainingRandom)
            return state
        }
        var widths = configuration.layerWidths(vocabularySize: vocabularySize)
        if configuration.codeUnits == .logistic { widths[widths.count - 1] = configuration.realStageCodeSize }
        let network = Autoencoder(glorotWidths: widths,
                                  codeActivation: .linear,
                                  outputLogFrequencies: Autoencoder.logUnigram(documents, vocabularySize: vocabularySize),
                                  inputTransform: configuration.inputTransform, inputWeighting: weighting,
                                  random: &state.pretrainingRandom)
        state.fineTuning = FineTuningRun(network: network, examples: documents.count, settings: configuration.fineTuning,
                                         random: &state.fineTuningRandom)
        return state
    }

    /// Per code unit: the median of the training codes, or the middle of the unit's range.
    private func hashThresholds(_ configuration: ModelConfiguration, network: Autoencoder,
                                documents: [BagOfWords]) -> [Float] {
        switch configuration.hashThreshold {
        case .midpoint:
            return [Float](repeating: network.codeActivation == .logistic ? 0.5 : 0, count: network.codeSize)
        case .trainingMedian:
            let provisional = SemanticHashingModel(
                configuration: configuration, network: network,
                hashThresholds: [Float](repeating: 0, count: network.codeSize))
            let codes = provisional.encode(documents)
            return (0..<codes.columns).map { unit in
                let column = (0..<codes.rows).map { codes[$0, unit] }.sorted()
                let middle = column.count / 2
                return column.count % 2 == 1 ? column[middle] : (column[middle - 1] + column[middle]) / 2
            }
        }
    }

    /// Product work of the whole run, for the ETA: CD on every RBM, then fine-tuning, then the hash head (its RBM
    /// start and its fine-tuning), all at full epochs; the word layer's products counted by the documents' stored
    /// terms (word dropout leaves fewer). Each stage's floating-point operations are weighted by its
    /// `TrainingPhase.relativeCost`, as `ProgressTracker` weighs the work done.
    private func plannedWork(_ configuration: ModelConfiguration, documents: [BagOfWords], vocabularySize: Int) -> Double {
        let widths = configuration.layerWidths(vocabularySize: vocabularySize)
        let examples = Double(documents.count)
        let wordEntries = Double(documents.reduce(0) { $0 + $1.termIDs.count })
        let steps = configuration.pretraining.contrastiveDivergenceSteps
        let drawsTokens = configuration.pretraining.wordReconstructionInForce == .sampledTokens
        func denseMachineFlops(visible: Int, hidden: Int) -> Double {
            4 * examples * Double(visible) * Double(hidden) + RestrictedBoltzmannMachine.denseContrastiveDivergenceFlops(
                batchSize: documents.count, visible: visible, hidden: hidden, steps: steps)
        }
        let pretraining = zip(widths, widths.dropFirst()).enumerated().map { layer, shape in
            guard layer == 0 else { return denseMachineFlops(visible: shape.0, hidden: shape.1) }
            guard drawsTokens else {
                return 4 * wordEntries * Double(shape.1) + RestrictedBoltzmannMachine.denseContrastiveDivergenceFlops(
                    batchSize: documents.count, visible: shape.0, hidden: shape.1, steps: steps)
            }
            // Down passes dense; the drawn tokens' up passes and statistics about as sparse as the documents.
            return 4 * wordEntries * Double(shape.1) * Double(1 + steps)
                + 2 * examples * Double(shape.0) * Double(shape.1) * Double(steps)
        }.reduce(0, +)
        func fineTuningFlops(_ widths: [Int], epochs: Int, wordLayers: HashHeadWordLayers = .retrained) -> Double {
            let shapes = Array(zip(widths, widths.dropFirst()))
            let unrolled = shapes + shapes.reversed().map { ($0.1, $0.0) }
            let frozen = wordLayers.frozenLayers(layerCount: unrolled.count)
            return (Double(frozen.contains(0) ? 2 : 4) * wordEntries * Double(widths[1])
                    + Autoencoder.trainingStepFlopsAboveInput(batchSize: documents.count, layerShapes: unrolled,
                                                              frozenLayers: frozen))
                * Double(epochs)
        }
        let hashing = configuration.hashHeadBits.map { bits in
            let start = configuration.hashHeadStartsAsRBM
                ? denseMachineFlops(visible: widths[widths.count - 2], hidden: bits)
                    * Double(max(1, configuration.pretraining.epochs)) : 0
            return start * TrainingPhase.hashHeadPretraining.relativeCost
                + fineTuningFlops(Array(widths.dropLast()) + [bits], epochs: configuration.hashHeadRun.epochs,
                                  wordLayers: configuration.fineTuning.hashHeadWordLayersInForce)
                    * TrainingPhase.hashFineTuning.relativeCost
        } ?? 0
        return pretraining * Double(configuration.pretraining.epochs) * TrainingPhase.pretraining.relativeCost
            + fineTuningFlops(widths, epochs: configuration.fineTuning.epochs) * Double(configuration.codeFineTuningRuns)
                * TrainingPhase.fineTuning.relativeCost
            + hashing
    }
}
