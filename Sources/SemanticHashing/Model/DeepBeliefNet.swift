#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A stack of RBMs pretrained greedily, bottom up (Hinton & Salakhutdinov 2006): each RBM models the
/// hidden probabilities of the one below; the first models the documents' words.
///
/// Layer `i` maps width `i` to width `i + 1` of `ModelConfiguration.layerWidths`; the top RBM has the
/// code units' activation (linear or logistic), the others logistic hidden units.
public struct DeepBeliefNet: Sendable, Equatable {
    /// The RBMs, bottom (words) first.
    public var machines: [RestrictedBoltzmannMachine]

    public init(machines: [RestrictedBoltzmannMachine]) {
        self.machines = machines
    }

    /// Pretrains the stack on non-empty `bags` with CD-k, minibatches, momentum and weight cost.
    ///
    /// Each RBM draws from its own generator split off `random` (initial weights, minibatch order, hidden
    /// samples). Throws `.diverged` as soon as an epoch ends with a non-finite or exploding error (see
    /// `DivergenceCheck`) or a non-finite weight.
    static func pretrain(bags: [BagOfWords], vocabularySize: Int, configuration: ModelConfiguration,
                         random: inout RandomSource,
                         onEpoch: (EpochRecord) -> Void) throws(TrainingError) -> DeepBeliefNet {
        let settings = configuration.pretraining
        let widths = configuration.layerWidths(vocabularySize: vocabularySize)
        let depth = widths.count - 1
        var machines: [RestrictedBoltzmannMachine] = []
        var layerInput = Matrix(rows: 0, columns: 0)
        for layer in 0..<depth {
            var layerRandom = random.split()
            var machine = RestrictedBoltzmannMachine(
                visible: widths[layer], hidden: widths[layer + 1],
                visibleUnits: layer == 0 ? .softmax : .logistic,
                hiddenUnits: layer == depth - 1 ? configuration.codeUnits.activation : .logistic,
                inputTransform: configuration.inputTransform,
                weightScale: settings.initialWeightScale, random: &layerRandom)
            if layer == 0 { machine.visibleBias = meanLogFrequencies(bags, vocabularySize: vocabularySize) }
            func batch(_ indices: ArraySlice<Int>) -> VisibleBatch {
                layer == 0
                    ? VisibleBatch(bags: bags, indices: indices, vocabularySize: vocabularySize,
                                   transform: configuration.inputTransform)
                    : VisibleBatch(values: layerInput.gatherRows(indices))
            }
            try train(&machine, examples: bags.count, batch: batch, layer: layer + 1, settings: settings,
                      random: &layerRandom, onEpoch: onEpoch)
            machines.append(machine)
            if layer < depth - 1 {
                layerInput = hiddenMeans(of: machine, examples: bags.count, batch: batch)
            }
        }
        return DeepBeliefNet(machines: machines)
    }

    /// Word-layer visible biases: log of each word's mean frequency, so that the first reconstructions are
    /// the corpus unigram distribution (Hinton, "A practical guide to training RBMs", section 8.1).
    static func meanLogFrequencies(_ bags: [BagOfWords], vocabularySize: Int) -> [Float] {
        var frequencies = [Double](repeating: 0, count: vocabularySize)
        for bag in bags {
            let length = Double(bag.length)
            guard length > 0 else { continue }
            for (term, count) in zip(bag.termIDs, bag.counts) { frequencies[Int(term)] += Double(count) / length }
        }
        let documents = Double(max(1, bags.count))
        return frequencies.map { Float(log($0 / documents + 1e-6)) }
    }

    private static func train(_ machine: inout RestrictedBoltzmannMachine, examples: Int,
                              batch: (ArraySlice<Int>) -> VisibleBatch, layer: Int,
                              settings: PretrainingSettings, random: inout RandomSource,
                              onEpoch: (EpochRecord) -> Void) throws(TrainingError) {
        var updater = RBMUpdater(for: machine)
        let learningRate = settings.learningRate(visible: machine.visibleUnits, hidden: machine.hiddenUnits)
        guard settings.epochs > 0 else { return }
        for epoch in 1...settings.epochs {
            let stopwatch = Stopwatch()
            let order = random.permutation(of: examples)
            var error = 0.0
            var flops = 0.0
            for start in stride(from: 0, to: examples, by: settings.batchSize) {
                let indices = order[start..<min(start + settings.batchSize, examples)]
                let gradient = machine.contrastiveDivergence(
                    on: batch(indices), steps: settings.contrastiveDivergenceSteps,
                    sampleHiddenStates: settings.sampleHiddenStates, random: &random)
                updater.apply(gradient, to: &machine, learningRate: learningRate,
                              momentum: settings.momentum.momentum(epoch: epoch), weightCost: settings.weightCost)
                error += gradient.reconstructionError
                flops += machine.flopsPerContrastiveDivergence(batchSize: indices.count,
                                                               steps: settings.contrastiveDivergenceSteps)
            }
            let meanError = error / Double(examples)
            let wordLayer = machine.visibleUnits == .softmax
            guard !DivergenceCheck.hasDiverged(loss: meanError, vocabularySize: wordLayer ? machine.visibleCount : nil),
                  machine.weights.isFinite, machine.visibleBias.allFinite,
                  machine.hiddenBias.allFinite else {
                throw .diverged(phase: .pretraining, layer: layer, epoch: epoch,
                                advice: "scale the pretraining learning rates down with --pretrain-learning-rate-scale, e.g. 0.1 ("
                                    + settings.learningRateName(visible: machine.visibleUnits, hidden: machine.hiddenUnits)
                                    + " is \(learningRate))")
            }
            onEpoch(EpochRecord(phase: .pretraining, layer: layer, epoch: epoch, epochs: settings.epochs,
                                loss: meanError, examples: examples, seconds: stopwatch.seconds, flops: flops))
        }
    }

    /// The hidden means of every example under `machine`, in chunks of 1000 (one product per chunk).
    private static func hiddenMeans(of machine: RestrictedBoltzmannMachine, examples: Int,
                                    batch: (ArraySlice<Int>) -> VisibleBatch) -> Matrix {
        var result = Matrix(rows: examples, columns: machine.hiddenCount)
        let all = Array(0..<examples)
        for start in stride(from: 0, to: examples, by: 1000) {
            let chunk = batch(all[start..<min(start + 1000, examples)])
            result.setRows(startingAt: start, to: machine.hiddenMeans(chunk.values, biasScales: chunk.hiddenBiasScales))
        }
        return result
    }
}
