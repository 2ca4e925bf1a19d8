/// Back-propagation fine-tuning of the autoencoder on reconstruction cross-entropy.
///
/// Minibatches in a fresh seeded order every epoch; with `wordDropout > 0` each document's input is built
/// from a freshly thinned copy of its counts (the target stays whole). For logistic codes with
/// `codeNoise > 0`, noise is added to the code inputs as `codeNoiseSchedule` says. The epoch loss is the
/// mean of the minibatch losses seen during the epoch. With fixed noise, if the loss rises for `patience`
/// epochs in a row, fine-tuning stops and the network returned holds the weights of the epoch with the
/// lowest loss; with ramped noise the loss is meant to rise, so every epoch runs and the last weights are
/// kept. A non-finite weight or loss, or an exploding loss (see
/// `DivergenceCheck`), throws `.diverged` instead.
struct FineTuner {
    struct Outcome {
        var bestEpoch = 0
        var stoppedEarly = false
    }

    static func fineTune(_ network: inout Autoencoder, bags: [BagOfWords], configuration: ModelConfiguration,
                         random: inout RandomSource, onEpoch: (EpochRecord) -> Void) throws(TrainingError) -> Outcome {
        let settings = configuration.fineTuning
        var outcome = Outcome()
        guard settings.epochs > 0 else { return outcome }
        let examples = bags.count
        var noiseRandom = random.split()
        var orderRandom = random.split()
        var dropoutRandom = random.split()
        let dropout = settings.wordDropout > 0 ? WordDropout(probability: settings.wordDropout) : nil
        let noisyCode = network.codeActivation == .logistic && settings.codeNoise > 0
        let rampedNoise = noisyCode && settings.codeNoiseSchedule == .rampedFresh
        let totalSteps = settings.epochs * ((examples + settings.batchSize - 1) / settings.batchSize)
        var step = 0
        var noise: Matrix?
        if noisyCode && !rampedNoise {
            var fixedNoise = Matrix(rows: examples, columns: network.codeSize)
            fixedNoise.values.withUnsafeMutableBufferPointer {
                noiseRandom.fillGaussian($0, standardDeviation: settings.codeNoise)
            }
            noise = fixedNoise
        }
        var updater = FineTuningUpdater(layers: network.layers, settings: settings)
        var gradient = network.layers.map { DenseLayerGradient(zerosLike: $0) }
        var best = network
        var stopping = EarlyStopping(patience: settings.patience)
        for epoch in 1...settings.epochs {
            let stopwatch = Stopwatch()
            let learningRate = settings.learningRate * settings.learningRateSchedule.factor(epoch: epoch, of: settings.epochs)
            let momentum = settings.momentum.momentum(epoch: epoch)
            let order = orderRandom.permutation(of: examples)
            var totalLoss = 0.0
            var flops = 0.0
            for start in stride(from: 0, to: examples, by: settings.batchSize) {
                let indices = order[start..<min(start + settings.batchSize, examples)]
                let batch = trainingBatch(bags: bags, indices: indices, network: network, dropout: dropout,
                                          random: &dropoutRandom)
                var codeNoise = noise?.gatherRows(indices)
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
                let loss = network.lossAndGradient(on: batch, codeNoise: codeNoise, into: &gradient)
                updater.apply(gradient, to: &network.layers, learningRate: learningRate, momentum: momentum)
                totalLoss += loss * Double(indices.count)
                flops += network.flopsPerTrainingStep(batchSize: indices.count)
            }
            let meanLoss = totalLoss / Double(examples)
            guard !DivergenceCheck.hasDiverged(loss: meanLoss, vocabularySize: network.vocabularySize), network.layers.allSatisfy({ $0.weights.isFinite && $0.bias.allFinite }) else {
                throw .diverged(phase: .fineTuning, layer: nil, epoch: epoch,
                                advice: "lower the fine-tuning learning rate with --fine-tune-learning-rate"
                                    + " (fineTuning.learningRate is \(settings.learningRate))")
            }
            onEpoch(EpochRecord(phase: .fineTuning, layer: nil, epoch: epoch, epochs: settings.epochs, loss: meanLoss,
                                examples: examples, seconds: stopwatch.seconds, flops: flops))
            guard !rampedNoise else {
                best = network
                outcome.bestEpoch = epoch
                continue
            }
            let verdict = stopping.record(meanLoss, epoch: epoch)
            if verdict.isBest { best = network }
            outcome.bestEpoch = stopping.bestEpoch
            if verdict.shouldStop && epoch < settings.epochs {
                outcome.stoppedEarly = true
                break
            }
        }
        network = best
        return outcome
    }

    /// The minibatch `bags[indices]` as `network` trains on it: the target is the whole word distribution,
    /// the input (and length-scaled biases) come from counts thinned by `dropout` when it is given.
    static func trainingBatch(bags: [BagOfWords], indices: some Collection<Int>, network: Autoencoder,
                              dropout: WordDropout?, random: inout RandomSource) -> VisibleBatch {
        var batch = VisibleBatch(bags: bags, indices: indices, vocabularySize: network.vocabularySize,
                                 transform: network.inputTransform, weighting: network.inputWeighting)
        guard let dropout else { return batch }
        let thinned = indices.map { dropout.thin(bags[$0], random: &random) }
        let input = VisibleBatch(bags: thinned, indices: thinned.indices, vocabularySize: network.vocabularySize,
                                 transform: network.inputTransform, weighting: network.inputWeighting)
        batch.values = input.values
        batch.hiddenBiasScales = input.hiddenBiasScales
        return batch
    }
}
