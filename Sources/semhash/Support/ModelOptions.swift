import ArgumentParser
import Foundation
import SemanticHashing

extension CodeUnits: ExpressibleByArgument {}
extension InputTransform: ExpressibleByArgument {}

/// The model's architecture and training settings, for `index` and `train`.
struct ModelOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Hidden layer sizes of the encoder, input side first.", valueName: "n,n,..."))
    var layers = "500"

    @Option(name: .long, help: ArgumentHelp("Code units: the real code's dimension and the hash's bit count.", valueName: "n"))
    var code = 10

    @Option(name: .long, help: ArgumentHelp("Pretraining epochs per RBM layer (default 0: Glorot initialisation, which measured best; above 0 the papers' greedy RBM pretraining runs, on word counts unless --input says otherwise).", valueName: "n"))
    var pretrainEpochs: Int?

    @Option(name: .long, help: ArgumentHelp("The word layer's input: scaledLogTFIDF (default), counts, wordProbabilities or logCounts.", valueName: "transform"))
    var input: InputTransform?

    @Option(name: .long, help: ArgumentHelp("Fraction of word occurrences dropped from each training document's input (default 0.3).", valueName: "p"))
    var wordDropout: Float?

    @Option(name: .long, help: ArgumentHelp("Fine-tuning epochs of the unrolled autoencoder.", valueName: "n"))
    var fineTuneEpochs: Int?

    @Option(name: .long, help: ArgumentHelp("Learning rate of fine-tuning.", valueName: "rate"))
    var fineTuneLearningRate: Float?

    @Option(name: .long, help: ArgumentHelp("Multiplies every pretraining learning rate (lower it if pretraining diverges).", valueName: "factor"))
    var pretrainLearningRateScale: Float?

    @Option(name: .long, help: ArgumentHelp("Contrastive divergence steps (CD-k) in pretraining.", valueName: "k"))
    var cdSteps: Int?

    @Option(name: .long, help: ArgumentHelp("Seed of all randomness in training (same seed and threads: identical codes).", valueName: "n"))
    var seed: UInt64 = 1

    @Option(name: .long, help: ArgumentHelp("BLAS threads for training and encoding (default: all cores).", valueName: "n"))
    var threads: Int?

    /// The hidden layer sizes parsed from `--layers`.
    func hiddenLayers() throws -> [Int] {
        let sizes = layers.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !sizes.isEmpty, sizes.allSatisfy({ ($0 ?? 0) > 0 }) else {
            throw CommandError.invalidList(option: "--layers", value: layers)
        }
        return sizes.map { $0! }
    }

    @Option(name: .long, help: ArgumentHelp("Code units: linear (real codes, the 2006 recipe) or logistic (bimodal codes for hashing, the semantic-hashing recipe with code noise).", valueName: "units"))
    var codeUnits: CodeUnits?

    /// The training configuration: the library's defaults, overridden by the options given.
    func configuration() throws -> ModelConfiguration {
        var configuration = ModelConfiguration()
        configuration.hiddenLayers = try hiddenLayers()
        configuration.codeSize = code
        configuration.seed = seed
        if let codeUnits { configuration.codeUnits = codeUnits }
        if let threads { configuration.threads = threads }
        if let pretrainEpochs {
            configuration.pretraining.epochs = pretrainEpochs
            if pretrainEpochs > 0 && input == nil { configuration.inputTransform = .counts }
        }
        if let input { configuration.inputTransform = input }
        if let wordDropout { configuration.fineTuning.wordDropout = wordDropout }
        // Logistic codes are bimodal: cutting at 0.5 measured slightly better than at the training medians.
        if configuration.codeUnits == .logistic { configuration.hashThreshold = .midpoint }
        if let fineTuneEpochs { configuration.fineTuning.epochs = fineTuneEpochs }
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
        _ = try hiddenLayers()
        guard code > 0 && code <= 1024 else { throw ValidationError("--code must be between 1 and 1024") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }
}
