/// One `ModelTrainer.train` call at work: the validated documents, the state it advances epoch by epoch
/// (fresh or from a checkpoint), the progress report, and the checkpoint schedule.
struct TrainingSession {
    let configuration: ModelConfiguration
    /// The training documents (those with a vocabulary word).
    let documents: [BagOfWords]
    let vocabularySize: Int
    let fingerprint: UInt64
    /// The idf weighting of the `.scaledLogTFIDF` input, fitted to the documents (nil for other inputs).
    let weighting: InputWeighting?
    let checkpoints: CheckpointSchedule?
    var state: TrainingState
    private(set) var tracker: ProgressTracker
    /// Seconds spent building the neighbour graph of `NeighbourTargets` in this process (nil without them).
    private(set) var neighbourGraphSeconds: Double?
    /// Seconds spent finding the spectral bits of a `SpectralTeacher` in this process (nil without one).
    private(set) var spectralBitsSeconds: Double?
    private let stopwatch = Stopwatch()
    private var lastSave = 0.0

    init(configuration: ModelConfiguration, documents: [BagOfWords], vocabularySize: Int, fingerprint: UInt64,
         weighting: InputWeighting?, state: TrainingState, plannedWork: Double, checkpoints: CheckpointSchedule?) {
        self.configuration = configuration
        self.documents = documents
        self.vocabularySize = vocabularySize
        self.fingerprint = fingerprint
        self.weighting = weighting
        self.checkpoints = checkpoints
        self.state = state
        tracker = ProgressTracker(plannedWork: plannedWork, widths: configuration.layerWidths(vocabularySize: vocabularySize),
                                  hashBits: configuration.hashHeadBits, stages: state.stages, doneWork: state.doneWork)
    }

    /// Seconds of training, over every process that worked on it.
    var elapsedSeconds: Double { state.elapsedSeconds + stopwatch.seconds }

    /// Trains the RBMs still to train (none without pretraining), then sets up fine-tuning of the unrolled stack.
    mutating func pretrain(progress: (TrainingProgress) -> Void) throws(TrainingError) {
        let widths = configuration.layerWidths(vocabularySize: vocabularySize)
        while var run = state.pretraining {
            state.pretraining = nil
            let layerInput = Self.layerInput(of: run.layer, machines: state.machines, documents: documents,
                                             vocabularySize: vocabularySize, transform: configuration.inputTransform,
                                             weighting: weighting)
            let batch = { [documents, vocabularySize, configuration, weighting] (indices: ArraySlice<Int>) -> VisibleBatch in
                layerInput.map { VisibleBatch(values: $0.gatherRows(indices)) }
                    ?? VisibleBatch(bags: documents, indices: indices, vocabularySize: vocabularySize,
                                    transform: configuration.inputTransform, weighting: weighting)
            }
            while !run.isFinished(configuration.pretraining) {
                let record = try run.runEpoch(examples: documents.count, batch: batch, settings: configuration.pretraining)
                var snapshot = state
                snapshot.pretraining = run
                try finish(record, snapshot: snapshot, progress: progress)
            }
            state.machines.append(run.machine)
            if state.machines.count < widths.count - 1 {
                state.pretraining = PretrainingRun(layer: run.layer + 1, bags: documents, vocabularySize: vocabularySize,
                                                   configuration: configuration, random: &state.pretrainingRandom)
            } else {
                state.fineTuning = FineTuningRun(
                    network: Autoencoder(unrolling: DeepBeliefNet(machines: state.machines),
                                         inputTransform: configuration.inputTransform, inputWeighting: weighting),
                    examples: documents.count, settings: configuration.fineTuning, random: &state.fineTuningRandom)
            }
        }
    }

    /// Runs the fine-tuning runs still to run and returns the real code's outcome and the hash head: the
    /// code's runs (for logistic codes without pretraining: the linear-code run, then a fresh logistic code
    /// layer's run), then, when the recipe has a hash head, a copy of the finished network whose code layer
    /// and first decoder layer are replaced by `hashHeadBits` fresh logistic units, fine-tuned with code noise
    /// (its word layers kept or fine-tuned again as `HashHeadWordLayers` says; when it keeps the softmax layer, its
    /// two new layers start as an RBM pretrained on the layer below the code, `RestrictedBoltzmannMachine.pretrained`).
    /// Under a `SpectralTeacher`, the runs with logistic code units also learn their spectral bits, found when
    /// such a run starts or resumes (from the seed, so a resumed run gets the same bits).
    mutating func fineTune(progress: (TrainingProgress) -> Void) throws(TrainingError)
        -> (realCode: FinishedFineTuning, hashHead: HashHead?) {
        guard var run = state.fineTuning else { preconditionFailure("pretraining hands over to fine-tuning") }
        state.fineTuning = nil
        let graphStopwatch = Stopwatch()
        let neighbours = configuration.fineTuning.neighbourTargets.map {
            DocumentNeighbours(bags: documents, vocabularySize: vocabularySize, neighbours: $0.neighbours,
                               threads: configuration.threads)
        }
        let teacherGraph = configuration.fineTuning.spectralTeacher.map { teacher in
            neighbours.flatMap { $0.neighboursPerDocument == teacher.neighbours ? $0 : nil }
                ?? DocumentNeighbours(bags: documents, vocabularySize: vocabularySize, neighbours: teacher.neighbours,
                                      threads: configuration.threads)
        }
        if neighbours != nil || teacherGraph != nil { neighbourGraphSeconds = graphStopwatch.seconds }
        while true {
            let teacherBits = try spectralBits(for: run.network, graph: teacherGraph)
            let settings = state.realCode == nil ? configuration.fineTuning : configuration.hashHeadRun
            let frozenLayers = state.realCode == nil ? []
                : configuration.fineTuning.hashHeadWordLayersInForce.frozenLayers(of: run.network)
            while !run.isFinished(settings) {
                var record: EpochRecord
                do {
                    record = try run.runEpoch(bags: documents, neighbours: neighbours, teacherBits: teacherBits,
                                              frozenLayers: frozenLayers,
                                              settings: settings)
                } catch {
                    throw Self.namingPretraining(in: error, configuration)
                }
                if state.realCode != nil { record.phase = .hashFineTuning }
                var snapshot = state
                snapshot.fineTuning = run
                try finish(record, snapshot: snapshot, progress: progress)
            }
            state.finishedFineTuningRuns += 1
            if let realCode = state.realCode { return (realCode, HashHead(encoderOf: run.best)) }
            if state.finishedFineTuningRuns < configuration.codeFineTuningRuns {
                let logistic = run.best.replacingCode(size: configuration.codeSize, activation: .logistic,
                                                      random: &state.pretrainingRandom)
                run = FineTuningRun(network: logistic, examples: documents.count, settings: configuration.fineTuning,
                                    random: &state.fineTuningRandom)
                continue
            }
            let realCode = FinishedFineTuning(network: run.best, bestEpoch: run.bestEpoch, stoppedEarly: run.stoppedEarly)
            guard let bits = configuration.hashHeadBits else { return (realCode, nil) }
            state.realCode = realCode
            let hashing: Autoencoder
            if configuration.hashHeadStartsAsRBM {
                var random = state.pretrainingRandom.split()
                let machine = try RestrictedBoltzmannMachine.pretrained(
                    on: run.best.outputsBelowTheCode(of: documents), hidden: bits, settings: configuration.pretraining,
                    random: &random) { record in progress(tracker.record(record, elapsed: elapsedSeconds)) }
                hashing = run.best.replacingCode(with: machine)
            } else {
                hashing = run.best.replacingCode(size: bits, activation: .logistic, random: &state.pretrainingRandom)
            }
            run = FineTuningRun(network: hashing, examples: documents.count, settings: configuration.hashHeadRun,
                                random: &state.fineTuningRandom)
        }
    }

    /// The spectral bits that teach `network`'s code units, when it has logistic ones and there is a teacher.
    private mutating func spectralBits(for network: Autoencoder,
                                       graph: DocumentNeighbours?) throws(TrainingError) -> SpectralBits? {
        guard let graph, network.codeActivation == .logistic else { return nil }
        guard network.codeSize < documents.count else {
            throw .invalidConfiguration("the spectral teacher needs more training documents (\(documents.count)) than"
                                        + " code units (\(network.codeSize))")
        }
        let stopwatch = Stopwatch()
        do {
            let bits = try SpectralBits(graph: graph, bitCount: network.codeSize, seed: configuration.seed,
                                        threads: configuration.threads)
            spectralBitsSeconds = (spectralBitsSeconds ?? 0) + stopwatch.seconds
            return bits
        } catch {
            throw .decompositionFailed(error)
        }
    }

    /// Reports `record`, then hands `snapshot` out as a checkpoint when one is due or a stop was requested
    /// (and then throws `.interrupted`).
    private mutating func finish(_ record: EpochRecord, snapshot: TrainingState,
                                 progress: (TrainingProgress) -> Void) throws(TrainingError) {
        progress(tracker.record(record, elapsed: elapsedSeconds))
        guard let checkpoints else { return }
        let stopping = checkpoints.stopRequested()
        guard stopping || stopwatch.seconds - lastSave >= checkpoints.interval else { return }
        var saved = snapshot
        saved.stages = tracker.stages
        saved.doneWork = tracker.doneWork
        saved.elapsedSeconds = elapsedSeconds
        let checkpoint = TrainingCheckpoint(configuration: configuration, vocabularySize: vocabularySize,
                                            documents: documents.count, documentsFingerprint: fingerprint, state: saved)
        checkpoints.save(checkpoint)
        lastSave = stopwatch.seconds
        if stopping { throw .interrupted(position: checkpoint.position) }
    }

    /// Fine-tuning that diverges after RBM pretraining may start from RBMs whose learning rates were too
    /// high without diverging themselves: the error says the RBMs were pretrained.
    private static func namingPretraining(in error: TrainingError, _ configuration: ModelConfiguration) -> TrainingError {
        guard configuration.pretraining.epochs > 0, case let .diverged(phase, layer, epoch, rate, _) = error else { return error }
        return .diverged(phase: phase, layer: layer, epoch: epoch, learningRate: rate, afterPretraining: true)
    }

    /// The input of RBM `layer`: nil for the word layer, else the hidden means of the documents under the
    /// RBMs below it, computed bottom up.
    private static func layerInput(of layer: Int, machines: [RestrictedBoltzmannMachine], documents: [BagOfWords],
                                   vocabularySize: Int, transform: InputTransform, weighting: InputWeighting?) -> Matrix? {
        var input: Matrix?
        for machine in machines.prefix(layer) {
            input = DeepBeliefNet.hiddenMeans(of: machine, examples: documents.count) { [input] indices in
                input.map { VisibleBatch(values: $0.gatherRows(indices)) }
                    ?? VisibleBatch(bags: documents, indices: indices, vocabularySize: vocabularySize, transform: transform,
                                    weighting: weighting)
            }
        }
        return input
    }
}
