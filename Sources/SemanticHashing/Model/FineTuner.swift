/// Back-propagation fine-tuning of the unrolled autoencoder on reconstruction cross-entropy.
///
/// Minibatches in a fresh seeded order every epoch. For logistic codes with `codeNoise > 0`, each training
/// document gets one fixed Gaussian noise vector for its code inputs, drawn once before the first epoch.
/// The epoch loss is the mean of the minibatch losses seen during the epoch. If the loss rises for
/// `patience` epochs in a row, fine-tuning stops; in every case the network returned holds the weights of
/// the epoch with the lowest loss. A non-finite weight or loss, or an exploding loss (see
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
        var noise: Matrix?
        if network.codeActivation == .logistic && settings.codeNoise > 0 {
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
                let batch = VisibleBatch(bags: bags, indices: indices, vocabularySize: network.vocabularySize,
                                         transform: network.inputTransform)
                let loss = network.lossAndGradient(on: batch, codeNoise: noise?.gatherRows(indices), into: &gradient)
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
}
