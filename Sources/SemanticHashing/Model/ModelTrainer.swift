/// Trains a `SemanticHashingModel`, then sets per-unit hash thresholds from the training codes.
///
/// With `pretraining.epochs > 0` (the papers' method): greedy RBM pretraining, unrolling, back-propagation
/// fine-tuning. Otherwise (the default recipe): a Glorot-initialised autoencoder fine-tuned directly; for
/// logistic codes it is first trained with a linear code of `realStageCodeSize` units, then its code layer (and the
/// first decoder layer) is replaced by fresh logistic units and fine-tuned again with code noise, which
/// hashes better than training the logistic code from scratch.
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

    /// Trains on `bags` over a vocabulary of `vocabularySize` words, calling `progress` after every epoch.
    ///
    /// Throws `.invalidConfiguration`, `.termOutOfRange`, `.noTrainingDocuments`, or `.diverged` when a
    /// weight or loss becomes NaN or infinite.
    public func train(_ bags: [BagOfWords], vocabularySize: Int,
                      progress: (TrainingProgress) -> Void = { _ in }) throws(TrainingError) -> TrainingResult {
        let stopwatch = Stopwatch()
        try configuration.validate()
        guard vocabularySize > 0 else { throw .invalidConfiguration("the vocabulary is empty") }
        for (index, bag) in bags.enumerated() {
            if let term = bag.termIDs.first(where: { $0 < 0 || Int($0) >= vocabularySize }) {
                throw .termOutOfRange(document: index, termID: term, vocabularySize: vocabularySize)
            }
        }
        let documents = bags.filter { $0.length > 0 }
        guard !documents.isEmpty else { throw .noTrainingDocuments }

        let previousThreads = BLASThreads.current
        BLASThreads.set(configuration.threads)
        defer { BLASThreads.set(previousThreads) }
        let reference = ProductThroughput.gflops(m: configuration.pretraining.batchSize, k: vocabularySize,
                                                 n: configuration.hiddenLayers.first ?? configuration.codeSize)

        var random = RandomSource(seed: configuration.seed)
        var pretrainingRandom = random.split()
        var fineTuningRandom = random.split()
        var tracker = ProgressTracker(plannedFlops: plannedFlops(documents: documents.count, vocabularySize: vocabularySize),
                                      widths: configuration.layerWidths(vocabularySize: vocabularySize))
        let onEpoch = { (record: EpochRecord) in progress(tracker.record(record, elapsed: stopwatch.seconds)) }
        var network: Autoencoder
        var outcome: FineTuner.Outcome
        if configuration.pretraining.epochs > 0 {
            let stack = try DeepBeliefNet.pretrain(bags: documents, vocabularySize: vocabularySize,
                                                   configuration: configuration, random: &pretrainingRandom,
                                                   onEpoch: onEpoch)
            network = Autoencoder(unrolling: stack, inputTransform: configuration.inputTransform)
            outcome = try FineTuner.fineTune(&network, bags: documents, configuration: configuration,
                                             random: &fineTuningRandom, onEpoch: onEpoch)
        } else {
            let weighting = configuration.inputTransform == .scaledLogTFIDF
                ? InputWeighting(fittedTo: documents, vocabularySize: vocabularySize, scale: configuration.inputScale)
                : nil
            var widths = configuration.layerWidths(vocabularySize: vocabularySize)
            if configuration.codeUnits == .logistic { widths[widths.count - 1] = configuration.realStageCodeSize }
            network = Autoencoder(glorotWidths: widths,
                                  codeActivation: .linear,
                                  outputLogFrequencies: Autoencoder.logUnigram(documents, vocabularySize: vocabularySize),
                                  inputTransform: configuration.inputTransform, inputWeighting: weighting,
                                  random: &pretrainingRandom)
            outcome = try FineTuner.fineTune(&network, bags: documents, configuration: configuration,
                                             random: &fineTuningRandom, onEpoch: onEpoch)
            if configuration.codeUnits == .logistic {
                network = network.replacingCode(size: configuration.codeSize, activation: .logistic,
                                                random: &pretrainingRandom)
                outcome = try FineTuner.fineTune(&network, bags: documents, configuration: configuration,
                                                 random: &fineTuningRandom, onEpoch: onEpoch)
            }
        }
        let thresholds = hashThresholds(network: network, documents: documents, vocabularySize: vocabularySize)
        let model = SemanticHashingModel(configuration: configuration, network: network, hashThresholds: thresholds)
        let report = TrainingReport(stages: tracker.stages, referenceProductGFLOPS: reference,
                                    threads: configuration.threads, trainingDocuments: documents.count,
                                    skippedEmptyDocuments: bags.count - documents.count,
                                    fineTuningBestEpoch: outcome.bestEpoch, fineTuningStoppedEarly: outcome.stoppedEarly,
                                    totalSeconds: stopwatch.seconds)
        return TrainingResult(model: model, report: report)
    }

    /// Per code unit: the median of the training codes, or the middle of the unit's range.
    private func hashThresholds(network: Autoencoder, documents: [BagOfWords], vocabularySize: Int) -> [Float] {
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

    /// GEMM work of the whole run, for the ETA: CD on every RBM, then fine-tuning, all at full epochs.
    private func plannedFlops(documents: Int, vocabularySize: Int) -> Double {
        let widths = configuration.layerWidths(vocabularySize: vocabularySize)
        let shapes = Array(zip(widths, widths.dropFirst()))
        let pretraining = shapes.map {
            RestrictedBoltzmannMachine.contrastiveDivergenceFlops(
                batchSize: documents, visible: $0.0, hidden: $0.1, steps: configuration.pretraining.contrastiveDivergenceSteps)
        }.reduce(0, +)
        let unrolled = shapes + shapes.reversed().map { ($0.1, $0.0) }
        let fineTuning = Autoencoder.trainingStepFlops(batchSize: documents, layerShapes: unrolled)
        let fineTuningRuns = configuration.codeUnits == .logistic && configuration.pretraining.epochs == 0 ? 2.0 : 1.0
        return pretraining * Double(configuration.pretraining.epochs)
            + fineTuning * Double(configuration.fineTuning.epochs) * fineTuningRuns
    }
}
