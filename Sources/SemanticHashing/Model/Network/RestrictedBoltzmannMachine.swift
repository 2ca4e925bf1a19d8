/// One restricted Boltzmann machine of the pretraining stack.
///
/// Visible units are either the word layer (`.softmax`: a replicated softmax over the vocabulary whose
/// mean-field reconstruction is N·softmax, transformed like the input) or `.logistic` (binary units whose
/// reconstruction is their probability). Hidden units are `.logistic` (binary, sampled by Bernoulli draws)
/// or `.linear` (Gaussian with unit variance, sampled as mean + N(0, 1)).
///
/// Shapes: `weights` is visible × hidden; biases have one entry per unit.
public struct RestrictedBoltzmannMachine: Sendable, Equatable {
    public var weights: Matrix
    public var visibleBias: [Float]
    public var hiddenBias: [Float]
    /// `.softmax` for the word layer, else `.logistic`.
    public let visibleUnits: Activation
    /// `.logistic`, or `.linear` for Gaussian code units.
    public let hiddenUnits: Activation
    /// The word layer's input transform (ignored for logistic visible units).
    public let inputTransform: InputTransform

    public init(weights: Matrix, visibleBias: [Float], hiddenBias: [Float],
                visibleUnits: Activation, hiddenUnits: Activation, inputTransform: InputTransform = .counts) {
        precondition(visibleBias.count == weights.rows && hiddenBias.count == weights.columns, "bias sizes differ from weights")
        precondition(visibleUnits != .linear, "visible units are words or logistic")
        precondition(hiddenUnits != .softmax, "hidden units are logistic or linear")
        self.weights = weights
        self.visibleBias = visibleBias
        self.hiddenBias = hiddenBias
        self.visibleUnits = visibleUnits
        self.hiddenUnits = hiddenUnits
        self.inputTransform = inputTransform
    }

    /// A machine with normal initial weights of standard deviation `weightScale` and zero biases.
    public init(visible: Int, hidden: Int, visibleUnits: Activation, hiddenUnits: Activation,
                inputTransform: InputTransform = .counts, weightScale: Float, random: inout RandomSource) {
        var weights = Matrix(rows: visible, columns: hidden)
        weights.values.withUnsafeMutableBufferPointer { random.fillGaussian($0, standardDeviation: weightScale) }
        self.init(weights: weights, visibleBias: [Float](repeating: 0, count: visible),
                  hiddenBias: [Float](repeating: 0, count: hidden),
                  visibleUnits: visibleUnits, hiddenUnits: hiddenUnits, inputTransform: inputTransform)
    }

    public var visibleCount: Int { weights.rows }
    public var hiddenCount: Int { weights.columns }

    /// Hidden means given the visible rows: `f(V·W + s ⊙ b)` (one product: sparse for the word layer), with
    /// `s` the per-row bias scales of the batch (document lengths for the replicated softmax) or 1.
    public func hiddenMeans(_ visible: LayerInput, biasScales: [Float]?) -> Matrix {
        var hidden = Matrix(rows: visible.rows, eachRow: hiddenBias, scaledBy: biasScales)
        visible.multiply(by: weights, into: &hidden, beta: 1)
        hiddenUnits.apply(to: &hidden)
        return hidden
    }

    /// Visible reconstruction from hidden states `H·Wᵀ + a` (one product), returned as inputs of the same
    /// representation as the data, with the reconstruction error of this batch summed over rows:
    /// cross-entropy (nats) of the word distribution under the reconstructed softmax for the word layer,
    /// squared error for logistic units.
    public func reconstruct(from hidden: Matrix, like batch: VisibleBatch) -> (values: Matrix, error: Double) {
        var visible = Matrix(rows: hidden.rows, eachRow: visibleBias)
        Matrix.multiply(hidden, weights, into: &visible, transposeB: .transposed, beta: 1)
        switch visibleUnits {
        case .softmax:
            guard let distribution = batch.wordDistribution else {
                preconditionFailure("the word layer needs word distributions")
            }
            let error = visible.applyRowSoftmax(crossEntropyWith: distribution,
                                                scalingRowsBy: inputTransform.reconstructionMasses(like: batch))
            inputTransform.finishReconstruction(&visible)
            return (visible, error)
        case .logistic, .linear:
            visibleUnits.apply(to: &visible)
            return (visible, visible.squaredDistance(to: batch.values))
        }
    }

    /// Hidden states drawn from their means: Bernoulli draws for logistic units, mean + N(0, 1) for linear.
    public func sampleHidden(_ means: Matrix, random: inout RandomSource) -> Matrix {
        var states = means
        switch hiddenUnits {
        case .logistic: random.sampleBernoulli(means, into: &states)
        case .linear, .softmax: random.addGaussianNoise(to: &states)
        }
        return states
    }

    /// Floating-point operations of the products of one CD-k step on `batch`: the up pass and the positive
    /// statistics `V₀ᵀ·H₀` on the batch's input (counted by its stored entries when it is sparse), and k
    /// down and up passes and the negative statistics, each 2·batch·visible·hidden.
    public func flopsPerContrastiveDivergence(on batch: VisibleBatch, steps: Int) -> Double {
        2 * batch.input.productFlops(outputs: hiddenCount)
            + Self.denseContrastiveDivergenceFlops(batchSize: batch.count, visible: visibleCount, hidden: hiddenCount,
                                                   steps: steps)
    }

    /// The products of CD-k that are dense whatever the input (k down and up passes and the negative
    /// statistics) for a machine of the given shape.
    static func denseContrastiveDivergenceFlops(batchSize: Int, visible: Int, hidden: Int, steps: Int) -> Double {
        2 * Double(batchSize) * Double(visible) * Double(hidden) * Double(2 * steps + 1)
    }
}
