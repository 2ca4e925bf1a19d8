/// The CD-k pretraining of one RBM of the stack, advanced an epoch at a time so that the trainer can save a
/// checkpoint between epochs and resume from it.
///
/// The RBM draws everything (initial weights, minibatch order, hidden samples) from its own generator.
/// Minibatches with momentum and weight cost, as in Hinton's rbm.m. Throws `.diverged` as soon as an epoch
/// ends with a non-finite or exploding error (see `DivergenceCheck`) or a non-finite weight.
struct PretrainingRun {
    /// 0-based position of the RBM in the stack (0 models the words).
    let layer: Int
    var machine: RestrictedBoltzmannMachine
    var updater: RBMUpdater
    var random: RandomSource
    var completedEpochs: Int

    /// A fresh RBM for `layer` of the stack, with its generator split off `random`.
    init(layer: Int, bags: [BagOfWords], vocabularySize: Int, configuration: ModelConfiguration,
         random parent: inout RandomSource) {
        let widths = configuration.layerWidths(vocabularySize: vocabularySize)
        let depth = widths.count - 1
        self.layer = layer
        random = parent.split()
        machine = RestrictedBoltzmannMachine(
            visible: widths[layer], hidden: widths[layer + 1],
            visibleUnits: layer == 0 ? .softmax : .logistic,
            hiddenUnits: layer == depth - 1 ? configuration.codeUnits.activation : .logistic,
            inputTransform: configuration.inputTransform,
            weightScale: configuration.pretraining.initialWeightScale, random: &random)
        if layer == 0 { machine.visibleBias = DeepBeliefNet.meanLogFrequencies(bags, vocabularySize: vocabularySize) }
        updater = RBMUpdater(for: machine)
        completedEpochs = 0
    }

    /// A run restored from a checkpoint.
    init(layer: Int, machine: RestrictedBoltzmannMachine, updater: RBMUpdater, random: RandomSource,
         completedEpochs: Int) {
        self.layer = layer
        self.machine = machine
        self.updater = updater
        self.random = random
        self.completedEpochs = completedEpochs
    }

    func isFinished(_ settings: PretrainingSettings) -> Bool { completedEpochs >= settings.epochs }

    /// Trains one more epoch over `examples` examples, whose minibatches `batch` builds from example indices.
    mutating func runEpoch(examples: Int, batch: (ArraySlice<Int>) -> VisibleBatch,
                           settings: PretrainingSettings) throws(TrainingError) -> EpochRecord {
        let stopwatch = Stopwatch()
        let epoch = completedEpochs + 1
        let learningRate = settings.learningRate(visible: machine.visibleUnits, hidden: machine.hiddenUnits)
        let order = random.permutation(of: examples)
        var error = 0.0
        var flops = 0.0
        for start in stride(from: 0, to: examples, by: settings.batchSize) {
            let indices = order[start..<min(start + settings.batchSize, examples)]
            let minibatch = batch(indices)
            let step = updater.train(&machine, on: minibatch, steps: settings.contrastiveDivergenceSteps,
                                     sampleHiddenStates: settings.sampleHiddenStates,
                                     wordReconstruction: settings.wordReconstructionInForce, random: &random,
                                     learningRate: learningRate, momentum: settings.momentum.momentum(epoch: epoch),
                                     weightCost: settings.weightCost)
            error += step.error
            flops += step.flops
        }
        let meanError = error / Double(examples)
        let wordLayer = machine.visibleUnits == .softmax
        guard !DivergenceCheck.hasDiverged(loss: meanError, vocabularySize: wordLayer ? machine.visibleCount : nil),
              machine.weights.isFinite, machine.visibleBias.allFinite, machine.hiddenBias.allFinite else {
            throw .diverged(phase: .pretraining, layer: layer + 1, epoch: epoch,
                            learningRate: settings.learningRateName(visible: machine.visibleUnits, hidden: machine.hiddenUnits)
                                + " is \(learningRate)", afterPretraining: false)
        }
        completedEpochs = epoch
        return EpochRecord(phase: .pretraining, layer: layer + 1, epoch: epoch, epochs: settings.epochs,
                           loss: meanError, examples: examples, seconds: stopwatch.seconds, flops: flops)
    }
}
