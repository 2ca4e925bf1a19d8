/// Knobs of back-propagation fine-tuning of the autoencoder on reconstruction cross-entropy.
///
/// Defaults are the recipe that measured best on 20 Newsgroups: Adam at 10⁻³ with cosine decay, minibatches
/// of 128, 20 epochs, word dropout 0.3, no weight cost; for logistic codes fresh Gaussian noise ramping up
/// to a standard deviation of 4.
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
    /// Standard deviation of the Gaussian noise added to the inputs of logistic code units (ignored for
    /// linear codes); how it is drawn is `codeNoiseSchedule`.
    public var codeNoise: Float
    public var codeNoiseSchedule: CodeNoiseSchedule
    /// The probability of dropping each word occurrence from a training document's input (the target keeps
    /// every word); see `WordDropout`. 0 disables it.
    public var wordDropout: Float
    /// Fine-tuning stops after this many epochs in a row whose loss rose; the best epoch's weights are kept.
    public var patience: Int

    public init(
        epochs: Int = 20,
        optimizer: FineTuningOptimizer = .adam,
        learningRate: Float = 1e-3,
        learningRateSchedule: LearningRateSchedule = .cosine,
        momentum: MomentumSchedule = MomentumSchedule(),
        adamBeta1: Float = 0.9,
        adamBeta2: Float = 0.999,
        adamEpsilon: Float = 1e-8,
        weightCost: Float = 0,
        batchSize: Int = 128,
        codeNoise: Float = 4,
        codeNoiseSchedule: CodeNoiseSchedule = .rampedFresh,
        wordDropout: Float = 0.3,
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
        self.codeNoiseSchedule = codeNoiseSchedule
        self.wordDropout = wordDropout
        self.patience = patience
    }
}
