/// One back-propagation fine-tuning run of the autoencoder on reconstruction cross-entropy, advanced an
/// epoch at a time so that the trainer can save a checkpoint between epochs and resume from it.
///
/// Minibatches in a fresh seeded order every epoch; with `wordDropout > 0` each document's input is built
/// from a freshly thinned copy of its counts (the target stays whole). For logistic codes with
/// `codeNoise > 0`, noise is added to the code inputs as `codeNoiseSchedule` says. The epoch loss is the
/// mean of the minibatch losses seen during the epoch; with `teacherBits` (logistic codes under a
/// `SpectralTeacher`) it includes the teacher's cross-entropy term. With fixed noise, if the loss rises for
/// `patience` epochs in a row, the run stops and `result` holds the weights of the epoch with the lowest loss; with
/// ramped noise the loss is meant to rise, so every epoch runs and the last weights are kept. A non-finite
/// weight or loss, or an exploding loss (see `DivergenceCheck`), throws `.diverged` instead.
struct FineTuningRun {
    /// The weights being trained.
    var network: Autoencoder
    /// The weights of the epoch with the lowest loss so far (the last epoch's under ramped noise).
    var best: Autoencoder
    var updater: FineTuningUpdater
    var noiseRandom: RandomSource
    var orderRandom: RandomSource
    var dropoutRandom: RandomSource
    /// Minibatch steps taken (drives the noise ramp).
    var step: Int
    /// The fixed code noise of every document, drawn once, under `.fixed` noise.
    var fixedNoise: Matrix?
    var stopping: EarlyStopping
    var completedEpochs: Int
    /// The epoch whose weights `best` holds.
    var bestEpoch: Int
    var stoppedEarly: Bool

    /// A run starting from `network`, drawing its three generators from `random`.
    init(network: Autoencoder, examples: Int, settings: FineTuningSettings, random: inout RandomSource) {
        var noiseRandom = random.split()
        let orderRandom = random.split()
        let dropoutRandom = random.split()
        self.init(network: network, best: network, updater: FineTuningUpdater(layers: network.layers, settings: settings),
                  noiseRandom: noiseRandom, orderRandom: orderRandom, dropoutRandom: dropoutRandom)
        stopping = EarlyStopping(patience: settings.patience)
        if Self.hasNoisyCode(network, settings) && settings.codeNoiseSchedule != .rampedFresh {
            var noise = Matrix(rows: examples, columns: network.codeSize)
            noise.values.withUnsafeMutableBufferPointer {
                noiseRandom.fillGaussian($0, standardDeviation: settings.codeNoise)
            }
            fixedNoise = noise
            self.noiseRandom = noiseRandom
        }
    }

    /// A run restored from a checkpoint, before its counters are set.
    init(network: Autoencoder, best: Autoencoder, updater: FineTuningUpdater, noiseRandom: RandomSource,
         orderRandom: RandomSource, dropoutRandom: RandomSource) {
        self.network = network
        self.best = best
        self.updater = updater
        self.noiseRandom = noiseRandom
        self.orderRandom = orderRandom
        self.dropoutRandom = dropoutRandom
        step = 0
        stopping = EarlyStopping(patience: 0)
        completedEpochs = 0
        bestEpoch = 0
        stoppedEarly = false
    }

    /// Whether every planned epoch ran or early stopping ended the run.
    func isFinished(_ settings: FineTuningSettings) -> Bool {
        stoppedEarly || completedEpochs >= settings.epochs
    }

    /// Trains one more epoch on `bags`, leaving the layers in `frozenLayers` as they are, and says what it did.
    mutating func runEpoch(bags: [BagOfWords], neighbours: DocumentNeighbours?, teacherBits: SpectralBits? = nil,
                           frozenLayers: Set<Int> = [], settings: FineTuningSettings) throws(TrainingError) -> EpochRecord {
        let stopwatch = Stopwatch()
        let epoch = completedEpochs + 1
        let examples = bags.count
        let dropout = settings.wordDropout > 0 ? WordDropout(probability: settings.wordDropout) : nil
        let rampedNoise = Self.hasNoisyCode(network, settings) && settings.codeNoiseSchedule == .rampedFresh
        let totalSteps = settings.epochs * ((examples + settings.batchSize - 1) / settings.batchSize)
        let learningRate = settings.learningRate * settings.learningRateSchedule.factor(epoch: epoch, of: settings.epochs)
        let momentum = settings.momentum.momentum(epoch: epoch)
        var gradient = network.layers.map { DenseLayerGradient(zerosLike: $0) }
        let order = orderRandom.permutation(of: examples)
        var totalLoss = 0.0
        var flops = 0.0
        for start in stride(from: 0, to: examples, by: settings.batchSize) {
            let indices = order[start..<min(start + settings.batchSize, examples)]
            var batch = Self.trainingBatch(bags: bags, indices: indices, network: network, dropout: dropout,
                                           random: &dropoutRandom)
            if let neighbours, let blend = settings.neighbourTargets {
                batch.blendTargets(withNeighboursOf: indices, in: neighbours, bags: bags, weight: blend.weight)
            }
            var codeNoise = fixedNoise?.gatherRows(indices)
            if rampedNoise {
                var fresh = Matrix(rows: indices.count, columns: network.codeSize)
                let deviation = settings.codeNoiseSchedule.standardDeviation(noise: settings.codeNoise,
                                                                             step: step, of: totalSteps)
                fresh.values.withUnsafeMutableBufferPointer {
                    noiseRandom.fillGaussian($0, standardDeviation: deviation)
                }
                codeNoise = fresh
            }
            step += 1
            let codeTargets = teacherBits.flatMap { teacher in
                settings.spectralTeacher.map { CodeBitTargets(bits: teacher.bits.gatherRows(indices), weight: $0.weight) }
            }
            let loss = network.lossAndGradient(on: batch, codeNoise: codeNoise, codeTargets: codeTargets,
                                               frozenLayers: frozenLayers, into: &gradient)
            updater.apply(gradient, to: &network.layers, learningRate: learningRate, momentum: momentum,
                          frozenLayers: frozenLayers)
            totalLoss += loss * Double(indices.count)
            flops += network.flopsPerTrainingStep(on: batch, frozenLayers: frozenLayers)
        }
        let meanLoss = totalLoss / Double(examples)
        guard !DivergenceCheck.hasDiverged(loss: meanLoss, vocabularySize: network.vocabularySize),
              network.layers.allSatisfy({ $0.weights.isFinite && $0.bias.allFinite }) else {
            throw .diverged(phase: .fineTuning, layer: nil, epoch: epoch,
                            learningRate: "fineTuning.learningRate is \(settings.learningRate)", afterPretraining: false)
        }
        completedEpochs = epoch
        if rampedNoise {
            best = network
            bestEpoch = epoch
        } else {
            let verdict = stopping.record(meanLoss, epoch: epoch)
            if verdict.isBest { best = network }
            bestEpoch = stopping.bestEpoch
            stoppedEarly = verdict.shouldStop && epoch < settings.epochs
        }
        return EpochRecord(phase: .fineTuning, layer: nil, epoch: epoch, epochs: settings.epochs, loss: meanLoss,
                           examples: examples, seconds: stopwatch.seconds, flops: flops)
    }

    /// The minibatch `bags[indices]` as `network` trains on it: the target is the whole word distribution,
    /// the input (and length-scaled biases) come from counts thinned by `dropout` when it is given.
    static func trainingBatch(bags: [BagOfWords], indices: some Collection<Int>, network: Autoencoder,
                              dropout: WordDropout?, random: inout RandomSource) -> VisibleBatch {
        var batch = VisibleBatch(bags: bags, indices: indices, vocabularySize: network.vocabularySize,
                                 transform: network.inputTransform, weighting: network.inputWeighting)
        guard let dropout else { return batch }
        let thinned = indices.map { dropout.thin(bags[$0], random: &random) }
        let input = VisibleBatch(inputsOf: thinned, indices: thinned.indices, vocabularySize: network.vocabularySize,
                                 transform: network.inputTransform, weighting: network.inputWeighting)
        batch.input = input.input
        batch.hiddenBiasScales = input.hiddenBiasScales
        return batch
    }

    private static func hasNoisyCode(_ network: Autoencoder, _ settings: FineTuningSettings) -> Bool {
        network.codeActivation == .logistic && settings.codeNoise > 0
    }
}
