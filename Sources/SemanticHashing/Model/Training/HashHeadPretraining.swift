/// The start of a hash head that keeps the real code's softmax layer: its fresh code layer and first decoder
/// layer pretrained as one RBM, as the deep belief net's layers are, on what the layer below the code makes of
/// the documents. The kept softmax layer then starts from decoder outputs close to those it was trained on; from
/// Glorot weights, a 32-bit head on the papers' protocol stalled (BENCHMARKS.md, "Sixth round").
extension Autoencoder {
    /// The outputs of the layer below the code for `bags` (documents × its width), without word dropout.
    func outputsBelowTheCode(of bags: [BagOfWords]) -> Matrix {
        let below = encoderDepth - 2
        precondition(below >= 0, "the network needs a hidden layer below its code")
        var outputs = Matrix(rows: bags.count, columns: layers[below].outputCount)
        for start in stride(from: 0, to: bags.count, by: Self.featureBatchSize) {
            let batch = VisibleBatch(bags: bags, indices: start..<min(start + Self.featureBatchSize, bags.count),
                                     vocabularySize: vocabularySize, transform: inputTransform, weighting: inputWeighting)
            outputs.setRows(startingAt: start, to: encoderOutput(through: below, of: batch))
        }
        return outputs
    }

    /// This network with its code layer replaced by `machine`'s weights and hidden biases (its hidden units'
    /// activation) and its first decoder layer by their transpose and the visible biases (logistic), as
    /// unrolling does.
    func replacingCode(with machine: RestrictedBoltzmannMachine) -> Autoencoder {
        let code = encoderDepth - 1
        precondition(machine.visibleCount == layers[code].inputCount, "the machine reads the layer below the code")
        var replaced = layers
        replaced[code] = DenseLayer(weights: machine.weights, bias: machine.hiddenBias, activation: machine.hiddenUnits)
        replaced[code + 1] = DenseLayer(weights: machine.weights.transposed(), bias: machine.visibleBias,
                                        activation: .logistic)
        return Autoencoder(layers: replaced, encoderDepth: encoderDepth, inputTransform: inputTransform,
                           inputWeighting: inputWeighting)
    }

    /// Documents read at a time by `outputsBelowTheCode`.
    private static let featureBatchSize = 1024
}

extension RestrictedBoltzmannMachine {
    /// A machine of `hidden` logistic units over the rows of `features` (logistic visible units), trained as
    /// `PretrainingRun` trains the stack's layers, for `settings.epochs` epochs (at least one); everything drawn
    /// from `random`. Each finished epoch goes to `epochFinished` (phase `.hashHeadPretraining`, no layer); a
    /// divergence throws `.diverged` in that phase.
    static func pretrained(on features: Matrix, hidden: Int, settings: PretrainingSettings, random: inout RandomSource,
                           epochFinished: (EpochRecord) -> Void) throws(TrainingError) -> RestrictedBoltzmannMachine {
        let machine = RestrictedBoltzmannMachine(visible: features.columns, hidden: hidden, visibleUnits: .logistic,
                                                 hiddenUnits: .logistic, weightScale: settings.initialWeightScale,
                                                 random: &random)
        var run = PretrainingRun(layer: 0, machine: machine, updater: RBMUpdater(for: machine), random: random,
                                 completedEpochs: 0)
        var atLeastOneEpoch = settings
        atLeastOneEpoch.epochs = max(1, settings.epochs)
        while !run.isFinished(atLeastOneEpoch) {
            var record: EpochRecord
            do {
                record = try run.runEpoch(examples: features.rows, batch: { VisibleBatch(values: features.gatherRows($0)) },
                                          settings: atLeastOneEpoch)
            } catch {
                guard case let .diverged(_, _, epoch, learningRate, _) = error else { throw error }
                throw .diverged(phase: .hashHeadPretraining, layer: nil, epoch: epoch, learningRate: learningRate,
                                afterPretraining: false)
            }
            record.phase = .hashHeadPretraining
            record.layer = nil
            epochFinished(record)
        }
        random = run.random
        return run.machine
    }
}
