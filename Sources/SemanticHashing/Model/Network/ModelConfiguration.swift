/// Everything that determines a trained model: architecture, input transform, recipe knobs, seed and
/// thread count. Stored inside every serialized model.
///
/// Defaults: the recipe chosen on a validation split of 20 Newsgroups: one hidden layer of 500 and a 10-unit
/// linear code (5000-500-10 with the default vocabulary), scaled log-TF-IDF input of length 40, greedy RBM
/// pretraining of the stack (the deep belief net of Hinton & Salakhutdinov 2006, 20 CD-1 epochs per RBM;
/// see `PretrainingSettings`), then Adam fine-tuning with word dropout and neighbour-aware targets (see
/// `FineTuningSettings`), then a 64-bit hash head (`hashBits`), seed 1, 2 BLAS threads. Choices that follow
/// from others (the hash threshold of logistic codes) are made here, so that a library user gets the model
/// the command line makes. The papers' exact method (2000-500-250-125-10 pretrained as RBMs on counts) is
/// `hiddenLayers: [500, 250, 125], inputTransform: .counts`.
/// The same configuration, data and thread count give bit-identical models.
public struct ModelConfiguration: Codable, Sendable, Equatable {
    /// Widths of the hidden layers between the words and the code, bottom first.
    public var hiddenLayers: [Int]
    /// Units in the code layer: the dimension of real codes (and the bit count of hashes when the model has
    /// no hash head, see `hashBits`).
    public var codeSize: Int
    /// Bits of the hash head: after the real code is trained, a copy of the network whose code layer (and
    /// first decoder layer) is replaced by this many fresh logistic units is fine-tuned with code noise, and
    /// its codes cut at 0.5 are the hashes, trained for Hamming distance. Default 64. Nil: no hash head, the
    /// hash is the real code cut at `hashThreshold` (models made before hash heads, whose stored
    /// configuration has no `hashBits`). Logistic codes are hashes themselves and get no head (`hashHeadBits`).
    public var hashBits: Int?
    /// The hash head's bit count when the recipe trains one: `hashBits` for linear codes, nil for logistic codes.
    public var hashHeadBits: Int? { codeUnits == .linear ? hashBits : nil }
    /// Bits of the hashes the model makes: the hash head's, else one per code unit.
    public var hashBitCount: Int { hashHeadBits ?? codeSize }
    /// Whether the hash head's two new layers start as an RBM pretrained on the layer below the code, rather than
    /// from Glorot weights (`HashHeadWordLayers.pretrainsNewLayers`, for this network's encoder depth).
    public var hashHeadStartsAsRBM: Bool {
        fineTuning.hashHeadWordLayersInForce.pretrainsNewLayers(encoderDepth: hiddenLayers.count + 1)
    }
    /// The settings of the hash head's fine-tuning run (its epochs follow from how its new layers start, see
    /// `FineTuningSettings.hashHeadEpochs`).
    public var hashHeadRun: FineTuningSettings { fineTuning.hashHeadRun(newLayersStartAsRBM: hashHeadStartsAsRBM) }
    /// Linear (default) or logistic code units.
    public var codeUnits: CodeUnits
    /// How counts become the first layer's input: `.scaledLogTFIDF` by default. A configuration stored
    /// without it (models written before it was always set) follows the rule of its time: `.counts` when
    /// RBM pretraining ran, else `.scaledLogTFIDF`.
    public var inputTransform: InputTransform {
        get { chosenInputTransform ?? (pretraining.epochs > 0 ? .counts : .scaledLogTFIDF) }
        set { chosenInputTransform = newValue }
    }
    private var chosenInputTransform: InputTransform?
    /// The Euclidean length of the `.scaledLogTFIDF` input rows (large enough that the first layer's
    /// logistic units leave their linear middle from the start).
    public var inputScale: Float
    /// The hash head's default bit count (see `hashBits`).
    public static let defaultHashBits = 64
    /// The bit counts a hash head may have.
    public static let hashBitRange = 1...1024
    /// The code sizes a model may have.
    public static let codeSizeRange = 1...1024
    /// For logistic (hashing) codes: the width of the linear code trained first, before the logistic code
    /// layer replaces it. Default 10, the real-code recipe; on 20 Newsgroups this first stage hashed better
    /// at 32 bits than a first stage as wide as the hash.
    public var realStageCodeSize: Int = 10
    /// Where each code unit is cut into a bit. Unless set, the recipe's choice: the midpoint for logistic codes
    /// (bimodal: cutting at 0.5 measured slightly better than at the training medians), else each unit's
    /// training median.
    public var hashThreshold: HashThresholdRule {
        get { chosenHashThreshold ?? (codeUnits == .logistic ? .midpoint : .trainingMedian) }
        set { chosenHashThreshold = newValue }
    }
    private var chosenHashThreshold: HashThresholdRule?
    /// Seeds all randomness: initial weights, minibatch order, sampling, code noise.
    public var seed: UInt64
    /// OpenBLAS threads used while training (results are reproducible for a fixed count).
    public var threads: Int
    /// RBM pretraining knobs (see `PretrainingSettings` for defaults).
    public var pretraining: PretrainingSettings
    /// Fine-tuning knobs (see `FineTuningSettings` for defaults).
    public var fineTuning: FineTuningSettings

    /// Stored as the model's architecture JSON; the recipe's choices are stored only when they were set.
    private enum CodingKeys: String, CodingKey {
        case hiddenLayers, codeSize, hashBits, codeUnits, inputScale, realStageCodeSize, seed, threads, pretraining, fineTuning
        case chosenInputTransform = "inputTransform"
        case chosenHashThreshold = "hashThreshold"
    }

    /// A configuration; `inputTransform` and `hashThreshold` given as nil follow the recipe (see each property).
    public init(
        hiddenLayers: [Int] = [500],
        codeSize: Int = 10,
        hashBits: Int? = ModelConfiguration.defaultHashBits,
        codeUnits: CodeUnits = .linear,
        inputTransform: InputTransform? = .scaledLogTFIDF,
        inputScale: Float = 40,
        hashThreshold: HashThresholdRule? = nil,
        seed: UInt64 = 1,
        threads: Int = 2,
        pretraining: PretrainingSettings = PretrainingSettings(),
        fineTuning: FineTuningSettings = FineTuningSettings()
    ) {
        self.hiddenLayers = hiddenLayers
        self.codeSize = codeSize
        self.hashBits = hashBits
        self.codeUnits = codeUnits
        self.chosenInputTransform = inputTransform
        self.inputScale = inputScale
        self.chosenHashThreshold = hashThreshold
        self.seed = seed
        self.threads = threads
        self.pretraining = pretraining
        self.fineTuning = fineTuning
    }

    /// Layer widths from the vocabulary to the code, e.g. `[2000, 500, 250, 125, 10]`.
    public func layerWidths(vocabularySize: Int) -> [Int] {
        [vocabularySize] + hiddenLayers + [codeSize]
    }

    /// Fine-tuning runs that make the real code: 2 for logistic codes without pretraining (a linear-code run,
    /// then a fresh logistic code layer's run), else 1.
    var codeFineTuningRuns: Int {
        codeUnits == .logistic && pretraining.epochs == 0 ? 2 : 1
    }

    /// Every fine-tuning run of the recipe: the code's, then the hash head's when there is one.
    var fineTuningRuns: Int {
        codeFineTuningRuns + (hashHeadBits == nil ? 0 : 1)
    }

    /// The architecture as the papers write it, e.g. "2000-500-250-125-10".
    public func architectureDescription(vocabularySize: Int) -> String {
        layerWidths(vocabularySize: vocabularySize).map(String.init).joined(separator: "-")
    }

    /// Checks that every knob is usable; the error names the first offending one.
    public func validate() throws(TrainingError) {
        func require(_ condition: Bool, _ reason: String) throws(TrainingError) {
            if !condition { throw .invalidConfiguration(reason) }
        }
        try require(Self.codeSizeRange.contains(codeSize),
                    "the code size must be \(Self.codeSizeRange.lowerBound) to \(Self.codeSizeRange.upperBound) (got \(codeSize))")
        try require(hashBits.map { Self.hashBitRange.contains($0) } ?? true,
                    "the hash must have \(Self.hashBitRange.lowerBound) to \(Self.hashBitRange.upperBound) bits"
                        + " (got \(hashBits ?? 0))")
        try require(hiddenLayers.allSatisfy { $0 > 0 }, "hidden layer widths must be positive (got \(hiddenLayers))")
        try require(threads > 0, "the thread count must be positive (got \(threads))")
        try require(inputScale > 0 && inputScale.isFinite, "the input scale must be positive and finite (got \(inputScale))")
        try require(realStageCodeSize > 0, "the first stage's code size must be positive")
        try require(pretraining.epochs >= 0, "pretraining epochs must not be negative")
        try require(pretraining.batchSize > 0, "the pretraining batch size must be positive")
        try require(pretraining.contrastiveDivergenceSteps > 0, "CD needs at least one Gibbs step")
        try require([pretraining.learningRate, pretraining.linearLearningRate, pretraining.wordLayerLearningRate]
                        .allSatisfy { $0 > 0 && $0.isFinite },
                    "pretraining learning rates must be positive and finite")
        try require(pretraining.weightCost >= 0 && pretraining.weightCost.isFinite,
                    "the pretraining weight cost must be finite and not negative")
        try require(pretraining.initialWeightScale > 0 && pretraining.initialWeightScale.isFinite,
                    "the initial weight scale must be positive and finite")
        try require(fineTuning.epochs >= 0, "fine-tuning epochs must not be negative")
        try require(hashHeadRun.epochs >= 0, "the hash head's fine-tuning epochs must not be negative")
        try require(fineTuning.batchSize > 0, "the fine-tuning batch size must be positive")
        try require(fineTuning.learningRate > 0 && fineTuning.learningRate.isFinite,
                    "the fine-tuning learning rate must be positive and finite")
        try require(fineTuning.weightCost >= 0 && fineTuning.weightCost.isFinite,
                    "the fine-tuning weight cost must be finite and not negative")
        try require(fineTuning.codeNoise >= 0 && fineTuning.codeNoise.isFinite, "the code noise must be finite and not negative")
        try require((0..<1).contains(fineTuning.wordDropout), "the word dropout must be in [0, 1)")
        if let targets = fineTuning.neighbourTargets {
            try require(targets.neighbours > 0, "neighbour targets need at least one neighbour")
            try require((0..<1).contains(targets.weight), "the neighbours' share of the target must be in [0, 1)")
        }
        if let teacher = fineTuning.spectralTeacher {
            try require(teacher.weight > 0 && teacher.weight.isFinite,
                        "the spectral teacher's weight must be positive (got \(teacher.weight)); nil switches it off")
            try require(teacher.neighbours > 0, "the spectral teacher's graph needs at least one neighbour")
        }
        try require(fineTuning.patience > 0, "the fine-tuning patience must be at least one epoch")
        try require((0..<1).contains(fineTuning.adamBeta1) && (0..<1).contains(fineTuning.adamBeta2)
                        && fineTuning.adamEpsilon > 0, "Adam needs 0 ≤ β < 1 and ε > 0")
    }
}

/// The kind of units in the code layer, the narrowest layer of the autoencoder.
public enum CodeUnits: String, Codable, Sendable, CaseIterable {
    /// Linear units (Gaussian with unit variance in the top RBM; Hinton & Salakhutdinov 2006): real codes,
    /// best for Euclidean retrieval. Hashes threshold each unit at its training median.
    case linear
    /// Logistic units; during fine-tuning fixed Gaussian noise is added to their inputs so that they become
    /// bimodal and round well to bits ("Semantic hashing", Salakhutdinov & Hinton 2009, section 3).
    case logistic

    var activation: Activation { self == .linear ? .linear : .logistic }
}

/// Where each code unit is cut to make a bit of the hash.
public enum HashThresholdRule: String, Codable, Sendable, CaseIterable {
    /// The unit's median over the training documents: every bit splits the corpus in half, which uses the
    /// Hamming space best whatever the code units.
    case trainingMedian
    /// The middle of the unit's range: 0.5 for logistic codes, 0 for linear codes.
    case midpoint
}
