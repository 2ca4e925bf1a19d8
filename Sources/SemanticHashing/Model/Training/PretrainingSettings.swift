/// Knobs of greedy layer-wise RBM pretraining by contrastive divergence.
///
/// Defaults follow Hinton & Salakhutdinov's rbm.m / rbmhidlinear.m (learning rate 0.1, 0.001 for linear
/// hidden units, weight cost 0.0002, momentum 0.5 then 0.9, minibatches of 100, CD-1), with 20 epochs per
/// RBM: on a validation split of 20 Newsgroups the pretrained default measured level with the Glorot-initialised
/// one at the default metric and 20 epochs kept the training time bounded (BENCHMARKS.md). 0 epochs turns
/// pretraining off (Glorot initialisation). The word layer's negative phase draws each document's tokens, as
/// the replicated softmax does (`WordReconstruction.sampledTokens`): on that split it cut the word-layer RBM's
/// time by about 30% and measured slightly better than the mean field at every depth.
/// The word-layer rate is 0.0001: with counts as input its gradient grows with document length (20 Newsgroups
/// has posts of 4,606 words), and on that corpus rates of 0.0003 and above made the reconstruction error
/// rise once momentum went to 0.9, while 0.0001 kept it falling; on the scaled log-TF-IDF input three times
/// that rate measured the same.
public struct PretrainingSettings: Codable, Sendable, Equatable {
    /// Passes over the training documents for each RBM.
    public var epochs: Int
    /// Learning rate of the RBMs with logistic hidden units.
    public var learningRate: Float
    /// Learning rate of the word-layer RBM (its inputs are counts, not probabilities).
    public var wordLayerLearningRate: Float
    /// Learning rate of an RBM with linear (Gaussian) hidden units, the top one when codes are linear.
    public var linearLearningRate: Float
    /// L2 penalty on the weights (not the biases), applied in every update.
    public var weightCost: Float
    /// Momentum of the RBM updates (0.5, then 0.9 from epoch 6).
    public var momentum: MomentumSchedule
    /// Documents per minibatch.
    public var batchSize: Int
    /// Gibbs steps k of CD-k.
    public var contrastiveDivergenceSteps: Int
    /// Standard deviation of the normal initial weights (biases start at zero, word-layer visible biases at
    /// the log of the mean word frequency).
    public var initialWeightScale: Float
    /// Sample binary (or noisy linear) hidden states for the reconstruction, as CD prescribes; false uses
    /// the mean-field probabilities instead (deterministic).
    public var sampleHiddenStates: Bool
    /// How the word-layer RBM reconstructs its documents in the negative phase; nil (what models stored before
    /// it read as) is `.meanField`.
    public var wordReconstruction: WordReconstruction?

    public init(
        epochs: Int = 20,
        learningRate: Float = 0.1,
        wordLayerLearningRate: Float = 0.0001,
        linearLearningRate: Float = 0.001,
        weightCost: Float = 0.0002,
        momentum: MomentumSchedule = MomentumSchedule(),
        batchSize: Int = 100,
        contrastiveDivergenceSteps: Int = 1,
        initialWeightScale: Float = 0.1,
        sampleHiddenStates: Bool = true,
        wordReconstruction: WordReconstruction? = .sampledTokens
    ) {
        self.epochs = epochs
        self.learningRate = learningRate
        self.wordLayerLearningRate = wordLayerLearningRate
        self.linearLearningRate = linearLearningRate
        self.weightCost = weightCost
        self.momentum = momentum
        self.batchSize = batchSize
        self.contrastiveDivergenceSteps = contrastiveDivergenceSteps
        self.initialWeightScale = initialWeightScale
        self.sampleHiddenStates = sampleHiddenStates
        self.wordReconstruction = wordReconstruction
    }

    /// `wordReconstruction`, with nil read as `.meanField`.
    public var wordReconstructionInForce: WordReconstruction { wordReconstruction ?? .meanField }

    /// The learning rate of the RBM whose visible and hidden units are given.
    func learningRate(visible: Activation, hidden: Activation) -> Float {
        if hidden == .linear { return linearLearningRate }
        if visible == .softmax { return wordLayerLearningRate }
        return learningRate
    }

    /// The name of the setting `learningRate(visible:hidden:)` reads, for error messages.
    func learningRateName(visible: Activation, hidden: Activation) -> String {
        if hidden == .linear { return "pretraining.linearLearningRate" }
        if visible == .softmax { return "pretraining.wordLayerLearningRate" }
        return "pretraining.learningRate"
    }
}

/// How the word-layer RBM reconstructs a document's words in the negative phase of contrastive divergence.
public enum WordReconstruction: String, Codable, Sendable, CaseIterable {
    /// The expected inputs `M · softmax` (mean field): every word of the vocabulary in every row, so the
    /// negative up pass and statistics after the down pass are dense products.
    case meanField
    /// The replicated softmax's visible states: each document's N tokens drawn from the reconstructed word
    /// distribution, as Salakhutdinov & Hinton (NIPS 2009) sample them. The same expectation as `.meanField`,
    /// and the negative up pass and statistics cost only the words drawn.
    case sampledTokens
}

/// Momentum that starts low while gradients are large and rises once learning settles
/// (Hinton's rbm.m: 0.5 for the first 5 epochs, then 0.9).
public struct MomentumSchedule: Codable, Sendable, Equatable {
    /// Momentum for epochs before `switchEpoch`.
    public var initial: Float
    /// Momentum from `switchEpoch` on.
    public var final: Float
    /// The first (1-based) epoch that uses `final`.
    public var switchEpoch: Int

    public init(initial: Float = 0.5, final: Float = 0.9, switchEpoch: Int = 6) {
        self.initial = initial
        self.final = final
        self.switchEpoch = switchEpoch
    }

    /// The momentum of 1-based `epoch`.
    public func momentum(epoch: Int) -> Float {
        epoch < switchEpoch ? initial : final
    }
}
