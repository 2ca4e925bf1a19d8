#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Knobs of back-propagation fine-tuning of the autoencoder on reconstruction cross-entropy.
///
/// Defaults are the recipe that measured best on 20 Newsgroups within the time budget: Adam at 2·10⁻³ with cosine
/// decay, minibatches of 256, 15 epochs, word dropout 0.3, no weight cost, targets blended with 20 nearest neighbours' words
/// (`NeighbourTargets`); for logistic codes fresh Gaussian noise ramping up to a standard deviation of 4.
/// Minibatches of 256 at twice the rate measured at least as well on the validation split as 128 at 10⁻³,
/// with half the optimizer passes over the weights (BENCHMARKS.md, "Training time"). 15 epochs (before: 20) and a
/// hash head that keeps the real code's softmax layer (`HashHeadWordLayers.softmaxKept`) and, starting from an RBM,
/// runs 6 epochs (`rbmStartedHashHeadEpochs`) bring the default training toward 90 s on a 2-core machine, for 0.003
/// to 0.006 of P@100 on the validation split (BENCHMARKS.md, "Seventh round" and "Eighth round").
public struct FineTuningSettings: Codable, Sendable, Equatable {
    /// Passes over the training documents.
    public var epochs: Int
    /// Adam (default) or SGD with momentum.
    public var optimizer: FineTuningOptimizer
    /// Base learning rate (scaled per epoch by `learningRateSchedule`).
    public var learningRate: Float
    /// Per-epoch factor on `learningRate` (default `.cosine`).
    public var learningRateSchedule: LearningRateSchedule
    /// Momentum of the `.momentum` optimizer.
    public var momentum: MomentumSchedule
    /// Adam's decay rate of the gradient's running mean (β₁).
    public var adamBeta1: Float
    /// Adam's decay rate of the squared gradient's running mean (β₂).
    public var adamBeta2: Float
    /// Adam's stabiliser (ε), added to the root of the squared gradient's mean.
    public var adamEpsilon: Float
    /// L2 penalty on the weights (not the biases).
    public var weightCost: Float
    /// Documents per minibatch.
    public var batchSize: Int
    /// Standard deviation of the Gaussian noise added to the inputs of logistic code units (ignored for
    /// linear codes); how it is drawn is `codeNoiseSchedule`.
    public var codeNoise: Float
    /// How the code noise is drawn: fixed per document, or fresh every minibatch (default `.rampedFresh`).
    public var codeNoiseSchedule: CodeNoiseSchedule
    /// The probability of dropping each word occurrence from a training document's input (the target keeps
    /// every word); see `WordDropout`. 0 disables it.
    public var wordDropout: Float
    /// Fine-tuning stops after this many epochs in a row whose loss rose; the best epoch's weights are kept.
    public var patience: Int
    /// Reconstruction targets blended with the nearest neighbours' words (see `NeighbourTargets`); nil
    /// reconstructs each document's own words only (and is what models stored before it read as).
    public var neighbourTargets: NeighbourTargets?
    /// The spectral bits of the neighbour graph as a teacher for logistic code units (the hash head's, or a
    /// logistic code's), see `SpectralTeacher`; nil (the default, and what models stored before it read as): none.
    public var spectralTeacher: SpectralTeacher?
    /// Epochs of the hash head's run, which starts from the finished real-code network; nil (the default) runs
    /// as many as the head's start calls for (`hashHeadRun(newLayersStartAsRBM:)`): `rbmStartedHashHeadEpochs` (at most
    /// `epochs`) for a head whose new layers start as an RBM, `epochs` for one from Glorot weights, as every head
    /// ran before the RBM start. Heads of the seventh round's default (an RBM start, nil) ran `epochs`; the rule
    /// reads them differently only if a training is resumed from one of their checkpoints.
    public var hashHeadEpochs: Int?
    /// What the hash head's run does with the word layers it starts from; nil (what models stored before it
    /// read as) is `.retrained`.
    public var hashHeadWordLayers: HashHeadWordLayers?

    public init(
        epochs: Int = 15,
        optimizer: FineTuningOptimizer = .adam,
        learningRate: Float = 2e-3,
        learningRateSchedule: LearningRateSchedule = .cosine,
        momentum: MomentumSchedule = MomentumSchedule(),
        adamBeta1: Float = 0.9,
        adamBeta2: Float = 0.999,
        adamEpsilon: Float = 1e-8,
        weightCost: Float = 0,
        batchSize: Int = 256,
        codeNoise: Float = 4,
        codeNoiseSchedule: CodeNoiseSchedule = .rampedFresh,
        wordDropout: Float = 0.3,
        patience: Int = 3,
        neighbourTargets: NeighbourTargets? = NeighbourTargets(),
        spectralTeacher: SpectralTeacher? = nil,
        hashHeadEpochs: Int? = nil,
        hashHeadWordLayers: HashHeadWordLayers? = .softmaxKept
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
        self.neighbourTargets = neighbourTargets
        self.spectralTeacher = spectralTeacher
        self.hashHeadEpochs = hashHeadEpochs
        self.hashHeadWordLayers = hashHeadWordLayers
    }

    /// `hashHeadWordLayers`, with nil read as `.retrained`.
    public var hashHeadWordLayersInForce: HashHeadWordLayers { hashHeadWordLayers ?? .retrained }

    /// The hash head's epochs when `hashHeadEpochs` is nil and its new layers start as an RBM pretrained on the
    /// layer below the code. From that start the head converges quickly: on the 20 Newsgroups validation split
    /// 4, 6, 10 and 15 epochs gave the same 64-bit hashes (P@100 0.453 to 0.454), and on Reuters' 6 epochs gave
    /// 0.751 against 15's 0.753 (BENCHMARKS.md, "Eighth round"). A head trained from Glorot weights needs the
    /// real code's epochs.
    public static let rbmStartedHashHeadEpochs = 6

    /// The settings of the hash head's run: these, with `hashHeadEpochs` epochs, or when nil as many as its
    /// start calls for (see `hashHeadEpochs`; `ModelConfiguration.hashHeadStartsAsRBM` says which start it has).
    public func hashHeadRun(newLayersStartAsRBM: Bool) -> FineTuningSettings {
        var settings = self
        settings.epochs = hashHeadEpochs ?? (newLayersStartAsRBM ? min(epochs, Self.rbmStartedHashHeadEpochs) : epochs)
        return settings
    }
}

/// What the hash head's fine-tuning run does with the word layers of the real-code network it starts from: the
/// encoder's first layer (vocabulary to first hidden layer) and the decoder's softmax layer.
public enum HashHeadWordLayers: String, Codable, Sendable, CaseIterable {
    /// Both fine-tuned again with the new code layers.
    case retrained
    /// The softmax layer kept as the real code's run left it, the encoder's first layer fine-tuned again (the
    /// default): the softmax layer needs no weight gradient (a third of its products) and the optimizer no pass
    /// over its weights. The two new layers then start as an RBM pretrained on the layer below the code: from
    /// Glorot weights a 32-bit run on the papers' protocol stalled. Measured with that start: hashes within 0.005
    /// of `.retrained`'s P@100 on the 20 Newsgroups validation split and the papers' validation half, for two
    /// thirds of the run's work (BENCHMARKS.md, "Sixth round" and "Seventh round").
    case softmaxKept
    /// Both kept; only the layers between them are trained (their two new layers start as `.softmaxKept`'s do).
    /// Measured from Glorot weights: worse 64-bit hashes than `.retrained`'s on the 20 Newsgroups validation split.
    case kept

    /// The indices of the layers of `network`, a hash head's unrolled network, that its run leaves as they are
    /// (the `frozenLayers` of `Autoencoder.lossAndGradient`).
    public func frozenLayers(of network: Autoencoder) -> Set<Int> {
        frozenLayers(layerCount: network.layers.count)
    }

    /// Whether a hash head of a network with `encoderDepth` encoder layers starts its two new layers as an RBM
    /// pretrained on the layer below the code (`RestrictedBoltzmannMachine.pretrained`) rather than from Glorot
    /// weights: when it keeps the softmax layer and there is a layer below the code.
    func pretrainsNewLayers(encoderDepth: Int) -> Bool {
        self != .retrained && encoderDepth > 1
    }

    func frozenLayers(layerCount: Int) -> Set<Int> {
        switch self {
        case .retrained: []
        case .softmaxKept: [layerCount - 1]
        case .kept: [0, layerCount - 1]
        }
    }
}

/// The update rule of back-propagation fine-tuning.
public enum FineTuningOptimizer: String, Codable, Sendable, CaseIterable {
    /// Stochastic gradient descent with momentum and L2 weight cost (Hinton-style increments).
    case momentum
    /// Adam (Kingma & Ba 2015) with bias correction; the weight cost is added to the gradient.
    case adam
}

/// How the fine-tuning learning rate changes over epochs, as a factor of the base rate.
public enum LearningRateSchedule: Codable, Sendable, Equatable {
    /// The base rate throughout.
    case constant
    /// The base rate times `factor^(epoch − 1)`.
    case exponential(factor: Float)
    /// Cosine annealing from the base rate (first epoch) towards zero (after the last epoch).
    case cosine

    /// The factor for 1-based `epoch` of `epochs`.
    public func factor(epoch: Int, of epochs: Int) -> Float {
        switch self {
        case .constant:
            return 1
        case let .exponential(factor):
            return powf(factor, Float(epoch - 1))
        case .cosine:
            let progress = Float(epoch - 1) / Float(max(1, epochs))
            return 0.5 * (1 + cosf(Float.pi * progress))
        }
    }
}

/// How the Gaussian noise on the logistic code units' inputs is drawn during fine-tuning.
public enum CodeNoiseSchedule: String, Codable, Sendable, CaseIterable {
    /// One noise vector per training document, drawn once and kept, so the objective stays deterministic
    /// ("Semantic hashing", Salakhutdinov & Hinton 2009, section 3).
    case fixedPerDocument
    /// Fresh noise every minibatch, its standard deviation growing linearly from 0 to `codeNoise` over the
    /// first half of the steps and then kept: the codes first learn to reconstruct, then to survive the
    /// noise by saturating. The default (better hashes on 20 Newsgroups).
    case rampedFresh

    /// The standard deviation at 0-based `step` of `steps` for a final value `noise`.
    func standardDeviation(noise: Float, step: Int, of steps: Int) -> Float {
        switch self {
        case .fixedPerDocument: return noise
        case .rampedFresh: return noise * min(1, Float(step) / max(1, Float(steps) / 2))
        }
    }
}
