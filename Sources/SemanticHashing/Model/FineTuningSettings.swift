/// Knobs of back-propagation fine-tuning of the unrolled autoencoder on reconstruction cross-entropy.
///
/// Defaults: Adam at 0.001 for 25 epochs on minibatches of 100, no weight cost, code noise of standard
/// deviation 4 for logistic codes (variance 16, as in "Semantic hashing"). Hinton & Salakhutdinov used
/// conjugate gradients; on 20 Newsgroups Adam at 0.001 reached a reconstruction cross-entropy of 6.11
/// nats in 25 epochs (unigram: 7.07), while Adam at 0.003 stayed at the unigram level.
public struct FineTuningSettings: Codable, Sendable, Equatable {
    /// Passes over the training documents.
    public var epochs: Int
    /// Adam (default) or SGD with momentum.
    public var optimizer: FineTuningOptimizer
    /// Base learning rate (scaled per epoch by `learningRateSchedule`).
    public var learningRate: Float
    /// Per-epoch factor on `learningRate` (default constant).
    public var learningRateSchedule: LearningRateSchedule
    /// Momentum of the `.momentum` optimizer.
    public var momentum: MomentumSchedule
    /// Adam's decay rates and stabiliser.
    public var adamBeta1: Float
    public var adamBeta2: Float
    public var adamEpsilon: Float
    /// L2 penalty on the weights (not the biases).
    public var weightCost: Float
    /// Documents per minibatch.
    public var batchSize: Int
    /// Standard deviation of the Gaussian noise added to the inputs of logistic code units. The noise of
    /// each training document is drawn once and kept, so the objective stays deterministic ("Semantic
    /// hashing", section 3). Ignored for linear codes.
    public var codeNoise: Float
    /// Fine-tuning stops after this many epochs in a row whose loss rose; the best epoch's weights are kept.
    public var patience: Int

    public init(
        epochs: Int = 25,
        optimizer: FineTuningOptimizer = .adam,
        learningRate: Float = 0.001,
        learningRateSchedule: LearningRateSchedule = .constant,
        momentum: MomentumSchedule = MomentumSchedule(),
        adamBeta1: Float = 0.9,
        adamBeta2: Float = 0.999,
        adamEpsilon: Float = 1e-8,
        weightCost: Float = 0,
        batchSize: Int = 100,
        codeNoise: Float = 4,
        patience: Int = 3
    ) {
        self.epochs = epochs
        self.optimizer = optimizer
        self.learningRate = learningRate
        self.learningRateSchedule = learningRateSchedule
        self.momentum = momentum
        self.adamBeta1 = adamBeta1
        self.adamBeta2 = adamBeta2
        self.adamEpsilon = adamEpsilon
        self.weightCost = weightCost
        self.batchSize = batchSize
        self.codeNoise = codeNoise
        self.patience = patience
    }
}
