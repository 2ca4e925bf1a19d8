/// The CD-k estimate of the log-likelihood gradient of an RBM on one minibatch (an ascent direction),
/// averaged over the batch, with the reconstruction error of the first Gibbs step.
public struct ContrastiveDivergenceGradient: Sendable {
    /// `(V₀ᵀ·H₀ − V_kᵀ·H_k) / batch`, visible × hidden.
    public var weights: Matrix
    /// `Σ_rows (V₀ − V_k) / batch`.
    public var visibleBias: [Float]
    /// `Σ_rows s ⊙ (H₀ − H_k) / batch`, with `s` the hidden bias scales (1 or the document length).
    public var hiddenBias: [Float]
    /// Reconstruction error summed over the batch (see `RestrictedBoltzmannMachine.reconstruct`).
    public var reconstructionError: Double
}

extension RestrictedBoltzmannMachine {
    /// One CD-k gradient estimate (Hinton 2002) on `batch`.
    ///
    /// `H₀` are the hidden means of the data; each Gibbs step samples hidden states (or, when
    /// `sampleHiddenStates` is false, passes the means: mean-field, deterministic), reconstructs the visible
    /// units (by their means, or for the word layer under `.sampledTokens` by drawing each document's tokens,
    /// see `sampleTokens`), and recomputes hidden means. Statistics use hidden means, as in Hinton's rbm.m.
    /// Random draws happen only when sampling, in row-major order: per step, the hidden states, then the tokens.
    public func contrastiveDivergence(on batch: VisibleBatch, steps: Int = 1, sampleHiddenStates: Bool = true,
                                      wordReconstruction: WordReconstruction = .meanField,
                                      random: inout RandomSource) -> ContrastiveDivergenceGradient {
        var weightGradient = Matrix(rows: visibleCount, columns: hiddenCount)
        let rest = contrastiveDivergence(on: batch, steps: steps, sampleHiddenStates: sampleHiddenStates,
                                         wordReconstruction: wordReconstruction, random: &random,
                                         weightGradientScale: 1, into: &weightGradient, keeping: 0)
        return ContrastiveDivergenceGradient(weights: weightGradient, visibleBias: rest.visibleBias,
                                             hiddenBias: rest.hiddenBias, reconstructionError: rest.reconstructionError)
    }

    /// CD-k on `batch` as `contrastiveDivergence(on:steps:sampleHiddenStates:random:)`, with the weight gradient
    /// accumulated where it is used: `target ← scale · gradient + keep · target` (the products write into
    /// `target`, so no gradient matrix is made). Returns the bias gradients and the reconstruction error.
    ///
    /// The positive statistics `V₀ᵀ·H₀` and the up pass read the batch's input as stored (sparse for the word
    /// layer); the negative phase is dense after each down pass, except for the word layer's drawn tokens
    /// (`.sampledTokens`), whose up pass and statistics are sparse. Also returns the products' floating-point
    /// operations as done (sparse ones counted by their stored entries).
    func contrastiveDivergence(on batch: VisibleBatch, steps: Int, sampleHiddenStates: Bool,
                               wordReconstruction: WordReconstruction, random: inout RandomSource,
                               weightGradientScale scale: Float, into target: inout Matrix, keeping keep: Float)
        -> (visibleBias: [Float], hiddenBias: [Float], reconstructionError: Double, flops: Double) {
        precondition(steps >= 1, "CD needs at least one Gibbs step")
        precondition(target.rows == visibleCount && target.columns == hiddenCount, "the target is shaped like the weights")
        let drawsTokens = wordReconstruction == .sampledTokens && visibleUnits == .softmax
        let positiveHidden = hiddenMeans(batch.input, biasScales: batch.hiddenBiasScales)
        var hiddenStates = sampleHiddenStates ? sampleHidden(positiveHidden, random: &random) : positiveHidden
        var negativeVisible = LayerInput.dense(Matrix(rows: 0, columns: visibleCount))
        var negativeHidden = positiveHidden
        var firstError = 0.0
        let downPassFlops = 2 * Double(batch.count) * Double(visibleCount) * Double(hiddenCount)
        var flops = 2 * batch.input.productFlops(outputs: hiddenCount)
        for step in 1...steps {
            if drawsTokens {
                let drawn = sampleTokens(from: hiddenStates, like: batch, random: &random)
                negativeVisible = .sparse(drawn.values)
                if step == 1 { firstError = drawn.error }
            } else {
                let reconstruction = reconstruct(from: hiddenStates, like: batch)
                negativeVisible = .dense(reconstruction.values)
                if step == 1 { firstError = reconstruction.error }
            }
            negativeHidden = hiddenMeans(negativeVisible, biasScales: batch.hiddenBiasScales)
            flops += downPassFlops + negativeVisible.productFlops(outputs: hiddenCount)
            if step < steps {
                hiddenStates = sampleHiddenStates ? sampleHidden(negativeHidden, random: &random) : negativeHidden
            }
        }
        flops += negativeVisible.productFlops(outputs: hiddenCount)
        let inverseBatch = 1 / Float(batch.count)
        negativeVisible.multiplyTransposed(with: negativeHidden, into: &target, alpha: -scale * inverseBatch, beta: keep)
        batch.input.multiplyTransposed(with: positiveHidden, into: &target, alpha: scale * inverseBatch, beta: 1)
        var visibleGradient = batch.input.columnSums()
        visibleGradient.add(negativeVisible.columnSums(), scaledBy: -1)
        var hiddenGradient: [Float]
        if let scales = batch.hiddenBiasScales {
            hiddenGradient = positiveHidden.columnSums(rowWeights: scales)
            hiddenGradient.add(negativeHidden.columnSums(rowWeights: scales), scaledBy: -1)
        } else {
            hiddenGradient = positiveHidden.columnSums()
            hiddenGradient.add(negativeHidden.columnSums(), scaledBy: -1)
        }
        for index in visibleGradient.indices { visibleGradient[index] *= inverseBatch }
        for index in hiddenGradient.indices { hiddenGradient[index] *= inverseBatch }
        return (visibleGradient, hiddenGradient, firstError, flops)
    }
}

/// Momentum updates of an RBM from CD gradients, as in Hinton's rbm.m:
/// `Δ ← μ·Δ + ε·(gradient − λ·W)` for weights, `Δ ← μ·Δ + ε·gradient` for biases, then `θ += Δ`.
struct RBMUpdater {
    private(set) var weightIncrement: Matrix
    private(set) var visibleIncrement: [Float]
    private(set) var hiddenIncrement: [Float]

    init(for machine: RestrictedBoltzmannMachine) {
        weightIncrement = Matrix(rows: machine.visibleCount, columns: machine.hiddenCount)
        visibleIncrement = [Float](repeating: 0, count: machine.visibleCount)
        hiddenIncrement = [Float](repeating: 0, count: machine.hiddenCount)
    }

    /// An updater restored from a checkpoint, with increments shaped like the machine's parameters.
    init(weightIncrement: Matrix, visibleIncrement: [Float], hiddenIncrement: [Float]) {
        self.weightIncrement = weightIncrement
        self.visibleIncrement = visibleIncrement
        self.hiddenIncrement = hiddenIncrement
    }

    /// One CD-k step of `machine` on `batch` and its update; returns the reconstruction error and the
    /// products' floating-point operations.
    ///
    /// The CD products accumulate straight into the weight increment (`Δ ← μ·Δ + ε·gradient`), then one
    /// pass subtracts the weight cost and adds the increment to the weights.
    mutating func train(_ machine: inout RestrictedBoltzmannMachine, on batch: VisibleBatch, steps: Int,
                        sampleHiddenStates: Bool, wordReconstruction: WordReconstruction, random: inout RandomSource,
                        learningRate: Float, momentum: Float, weightCost: Float) -> (error: Double, flops: Double) {
        let rest = machine.contrastiveDivergence(on: batch, steps: steps, sampleHiddenStates: sampleHiddenStates,
                                                 wordReconstruction: wordReconstruction, random: &random,
                                                 weightGradientScale: learningRate,
                                                 into: &weightIncrement, keeping: momentum)
        let decay = learningRate * weightCost
        let count = weightIncrement.values.count
        weightIncrement.values.withUnsafeMutableBufferPointer { increment in
            machine.weights.values.withUnsafeMutableBufferPointer { weights in
                guard let increment = increment.baseAddress, let weights = weights.baseAddress else { return }
                ElementwisePass.run(count: count) { range in
                    Self.finishUpdate(range, increment, weights, decay: decay)
                }
            }
        }
        Self.update(&machine.visibleBias, increment: &visibleIncrement, gradient: rest.visibleBias,
                    learningRate: learningRate, momentum: momentum)
        Self.update(&machine.hiddenBias, increment: &hiddenIncrement, gradient: rest.hiddenBias,
                    learningRate: learningRate, momentum: momentum)
        return (rest.reconstructionError, rest.flops)
    }

    /// `Δ ← Δ − decay·W` and `W += Δ` for elements `range` (the increment flushed), its operands all
    /// parameters so that the loop vectorises.
    private static func finishUpdate(_ range: Range<Int>, _ increment: UnsafeMutablePointer<Float>,
                                     _ weights: UnsafeMutablePointer<Float>, decay: Float) {
        for index in range {
            let delta = increment[index] - decay * weights[index]
            // An increment decaying geometrically under zero gradients must not turn subnormal.
            increment[index] = abs(delta) < Matrix.flushThreshold ? 0 : delta
            weights[index] += delta
        }
    }

    private static func update(_ parameters: inout [Float], increment: inout [Float], gradient: [Float],
                               learningRate: Float, momentum: Float) {
        for index in parameters.indices {
            increment[index] = momentum * increment[index] + learningRate * gradient[index]
            parameters[index] += increment[index]
        }
    }
}
