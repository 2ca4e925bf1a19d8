import ArgumentParser
import Foundation
import SemanticHashing

extension CodeUnits: ExpressibleByArgument {}
extension InputTransform: ExpressibleByArgument {}
extension WordReconstruction: ExpressibleByArgument {}
extension HashHeadWordLayers: ExpressibleByArgument {}

/// The library's defaults, which the help shows.
private let defaults = ModelConfiguration()

/// The model's architecture and training settings, for `index` and `train`. Every default is the library's
/// (`ModelConfiguration`), and so are the choices that follow from other settings.
struct ModelOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Hidden layer sizes of the encoder, input side first.", valueName: "n,n,..."))
    var layers = defaults.hiddenLayers.map(String.init).joined(separator: ",")

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Dimension of each document's real code; with logistic code units also the hash's bit count.", valueName: "n"))
    var code = defaults.codeSize

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Bits of each document's hash (default \(defaults.hashBits ?? 0), e.g. 32, 64 or 128): a hash head trained for Hamming distance after the real code, as a second network with logistic code units and code noise.", valueName: "n"))
    var bits: Int?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Epochs of greedy RBM pretraining per layer, the deep belief net of the papers (default \(defaults.pretraining.epochs); 0: Glorot initialisation instead).", valueName: "n"))
    var pretrainEpochs: Int?

    @Option(name: .long, help: ArgumentHelp("The word layer's input (default \(defaults.inputTransform.rawValue); counts is the papers' input).", valueName: "transform"))
    var input: InputTransform?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Fraction of word occurrences dropped from each training document's input (default \(defaults.fineTuning.wordDropout)).", valueName: "p"))
    var wordDropout: Float?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Nearest neighbours (log-TF-IDF cosine) whose words each training document's code also reconstructs (default \(defaults.fineTuning.neighbourTargets?.neighbours ?? 0); 0: its own words only).", valueName: "k"))
    var neighbours: Int?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Share of the reconstruction target taken from the neighbours' words (default \(defaults.fineTuning.neighbourTargets?.weight ?? NeighbourTargets().weight)).", valueName: "w"))
    var neighbourWeight: Float?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Weight of the spectral teacher (Self-Taught Hashing): the hash units also learn the bits of the neighbour graph's bottom Laplacian eigenvectors cut at their medians, by a cross-entropy of this weight beside reconstruction (default \(defaults.fineTuning.spectralTeacher?.weight ?? 0): off; 0.5 lifts a 32-bit hash's top 100, at some cost deeper down).", valueName: "weight"))
    var spectralWeight: Float?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Fine-tuning epochs of the unrolled autoencoder (default \(defaults.fineTuning.epochs)).", valueName: "n"))
    var fineTuneEpochs: Int?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Fine-tuning epochs of the hash head, which starts from the finished real-code network (default \(defaults.hashHeadRun.epochs) when its new layers start as an RBM, as with softmaxKept and kept on a network with a hidden layer, at most --fine-tune-epochs; otherwise as many as --fine-tune-epochs).", valueName: "n"))
    var hashEpochs: Int?

    @Option(name: .long, help: ArgumentHelp("What the hash head's fine-tuning does with the word layers of the real-code network it starts from (default \(defaults.fineTuning.hashHeadWordLayersInForce.rawValue)): softmaxKept keeps the decoder's softmax layer, fine-tunes the encoder's first layer again and starts the two new layers as an RBM pretrained on the layer below the code; kept keeps both word layers and trains only the layers between; retrained fine-tunes every layer again.", valueName: "way"))
    var hashWordLayers: HashHeadWordLayers?

    @Option(name: .long, help: ArgumentHelp("How the word-layer RBM reconstructs its documents in pretraining's negative phase (default \(defaults.pretraining.wordReconstructionInForce.rawValue)): sampledTokens draws each document's tokens from the reconstruction, as the replicated softmax does, so that the phase's products read only the words drawn; meanField uses the expected inputs over the whole vocabulary.", valueName: "way"))
    var wordReconstruction: WordReconstruction?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Documents per minibatch of fine-tuning (default \(defaults.fineTuning.batchSize)).", valueName: "n"))
    var fineTuneBatchSize: Int?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Learning rate of fine-tuning (default \(defaults.fineTuning.learningRate)).", valueName: "rate"))
    var fineTuneLearningRate: Float?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Multiplies every pretraining learning rate (lower it if pretraining diverges).", valueName: "factor"))
    var pretrainLearningRateScale: Float?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Contrastive divergence steps (CD-k) in pretraining (default \(defaults.pretraining.contrastiveDivergenceSteps)).", valueName: "k"))
    var cdSteps: Int?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Seed of all randomness in training (same seed and threads: identical codes).", valueName: "n"))
    var seed: UInt64 = defaults.seed

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("BLAS threads for training and encoding (default \(defaults.threads)).", valueName: "n"))
    var threads: Int?

    /// The hidden layer sizes parsed from `--layers`.
    func hiddenLayers() throws -> [Int] {
        let sizes = layers.split(separator: ",", omittingEmptySubsequences: false)
            .map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !sizes.isEmpty, sizes.allSatisfy({ ($0 ?? 0) > 0 }) else {
            throw CommandError.invalidList(option: "--layers", value: layers)
        }
        return sizes.map { $0! }
    }

    @Option(name: .long, help: ArgumentHelp("Code units: linear (real codes, the 2006 recipe; default \(defaults.codeUnits.rawValue)) or logistic (bimodal codes for hashing, the semantic-hashing recipe with code noise, cut at their midpoint).", valueName: "units"))
    var codeUnits: CodeUnits?

    /// The training configuration: the library's defaults, overridden by the options given.
    func configuration() throws -> ModelConfiguration {
        var configuration = ModelConfiguration()
        configuration.hiddenLayers = try hiddenLayers()
        configuration.codeSize = code
        configuration.seed = seed
        if let codeUnits { configuration.codeUnits = codeUnits }
        if let bits { configuration.hashBits = bits }
        if let threads { configuration.threads = threads }
        if let pretrainEpochs { configuration.pretraining.epochs = pretrainEpochs }
        if let input { configuration.inputTransform = input }
        if let wordDropout { configuration.fineTuning.wordDropout = wordDropout }
        if let neighbours {
            configuration.fineTuning.neighbourTargets = neighbours == 0 ? nil
                : NeighbourTargets(neighbours: neighbours, weight: neighbourWeight ?? NeighbourTargets().weight)
        } else if let neighbourWeight, var targets = configuration.fineTuning.neighbourTargets {
            targets.weight = neighbourWeight
            configuration.fineTuning.neighbourTargets = targets
        }
        if let spectralWeight {
            configuration.fineTuning.spectralTeacher = spectralWeight == 0 ? nil
                : SpectralTeacher(weight: spectralWeight)
        }
        if let fineTuneEpochs { configuration.fineTuning.epochs = fineTuneEpochs }
        if let hashEpochs { configuration.fineTuning.hashHeadEpochs = hashEpochs }
        if let hashWordLayers { configuration.fineTuning.hashHeadWordLayers = hashWordLayers }
        if let fineTuneBatchSize { configuration.fineTuning.batchSize = fineTuneBatchSize }
        if let wordReconstruction { configuration.pretraining.wordReconstruction = wordReconstruction }
        if let cdSteps { configuration.pretraining.contrastiveDivergenceSteps = cdSteps }
        if let fineTuneLearningRate { configuration.fineTuning.learningRate = fineTuneLearningRate }
        if let scale = pretrainLearningRateScale {
            configuration.pretraining.learningRate *= scale
            configuration.pretraining.wordLayerLearningRate *= scale
            configuration.pretraining.linearLearningRate *= scale
        }
        return configuration
    }

    func validate() throws {
        do { _ = try hiddenLayers() } catch { throw ValidationError("\(error)") }
        let codeSizes = ModelConfiguration.codeSizeRange
        guard codeSizes.contains(code) else {
            throw ValidationError("--code must be between \(codeSizes.lowerBound) and \(codeSizes.upperBound)")
        }
        let bitRange = ModelConfiguration.hashBitRange
        if let bits, !bitRange.contains(bits) {
            throw ValidationError("--bits must be between \(bitRange.lowerBound) and \(bitRange.upperBound)")
        }
        if bits != nil && codeUnits == .logistic {
            throw ValidationError("--bits applies to linear codes: logistic codes are the hash, of --code bits")
        }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        if let spectralWeight, !(spectralWeight >= 0 && spectralWeight.isFinite) {
            throw ValidationError("--spectral-weight must be 0 (off) or positive")
        }
        for (option, value) in [("--pretrain-epochs", pretrainEpochs), ("--fine-tune-epochs", fineTuneEpochs),
                                ("--hash-epochs", hashEpochs), ("--neighbours", neighbours)] {
            if let value, value < 0 { throw ValidationError("\(option) must be at least 0") }
        }
        for (option, value) in [("--fine-tune-batch-size", fineTuneBatchSize), ("--cd-steps", cdSteps)] {
            if let value, value < 1 { throw ValidationError("\(option) must be at least 1") }
        }
        for (option, value) in [("--word-dropout", wordDropout), ("--neighbour-weight", neighbourWeight)] {
            if let value, !(0..<1).contains(value) { throw ValidationError("\(option) must be at least 0 and below 1") }
        }
        for (option, value) in [("--fine-tune-learning-rate", fineTuneLearningRate),
                                ("--pretrain-learning-rate-scale", pretrainLearningRateScale)] {
            if let value, !(value > 0 && value.isFinite) { throw ValidationError("\(option) must be positive") }
        }
        // Whatever the options combine to is checked before any document is read, not after they are stored.
        do { try configuration().validate() } catch { throw ValidationError("\(error)") }
    }
}
