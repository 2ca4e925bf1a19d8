@testable import SemanticHashing
import TestSupport
import XCTest

/// End-to-end training on a small synthetic corpus: learning, determinism, empty bags, errors.
final class ModelTrainerTests: XCTestCase {
    private let corpus = SyntheticCorpus(topics: 4, documentsPerTopic: 40, vocabularySize: 40,
                                         wordsPerDocument: 15...60, seed: 17)

    /// A small RBM-pretrained model (the papers' method on counts) that trains in well under a second in a
    /// debug build.
    static func smallConfiguration(code: CodeUnits = .linear) -> ModelConfiguration {
        var configuration = ModelConfiguration(hiddenLayers: [16, 8], codeSize: 3, codeUnits: code,
                                               inputTransform: .counts, seed: 5, threads: 1)
        configuration.pretraining.epochs = 8
        configuration.pretraining.batchSize = 20
        configuration.pretraining.wordLayerLearningRate = 0.01
        configuration.pretraining.linearLearningRate = 0.01
        configuration.fineTuning.epochs = 12
        configuration.fineTuning.batchSize = 20
        configuration.fineTuning.optimizer = .adam
        configuration.fineTuning.learningRate = 0.01
        configuration.fineTuning.learningRateSchedule = .constant
        configuration.fineTuning.wordDropout = 0
        configuration.fineTuning.codeNoiseSchedule = .fixedPerDocument
        return configuration
    }

    /// The default recipe without its pretraining (scaled log-TF-IDF, Glorot, Adam, word dropout, neighbour
    /// targets: `--pretrain-epochs 0`), small enough for a debug build.
    static func smallRecipe(code: CodeUnits = .linear) -> ModelConfiguration {
        var configuration = ModelConfiguration(hiddenLayers: [16], codeSize: 3, codeUnits: code, seed: 5, threads: 1)
        configuration.pretraining.epochs = 0
        configuration.fineTuning.epochs = 12
        configuration.fineTuning.batchSize = 20
        configuration.fineTuning.learningRate = 0.01
        return configuration
    }

    func testLossesFallAndCodesSeparateTopics() throws {
        var events: [TrainingProgress] = []
        let result = try ModelTrainer(configuration: Self.smallConfiguration())
            .train(BagOfWordsMatrix(corpus.bags, width: corpus.vocabularySize)) { events.append($0) }
        let firstLayer = events.filter { $0.layer == 1 }.map(\.loss)
        XCTAssertEqual(firstLayer.count, 8)
        XCTAssertLessThan(firstLayer.last!, firstLayer.first! - 0.05, "word-layer reconstruction error must fall")
        for layer in 2...3 {
            let losses = events.filter { $0.layer == layer }.map(\.loss)
            XCTAssertLessThan(losses.last!, losses.first!, "layer \(layer) reconstruction error must fall")
        }
        let fineTuning = events.filter { $0.phase == .fineTuning }.map(\.loss)
        XCTAssertLessThan(fineTuning.min()!, fineTuning.first! - 0.05, "fine-tuning cross-entropy must fall")

        let codes = result.model.encode(corpus.bags)
        XCTAssertGreaterThan(neighbourPrecision(codes, labels: corpus.labels, k: 10), 0.8, "chance is 0.25")
    }

    func testTheDefaultRecipePretrainsADeepBeliefNetOnScaledLogTFIDF() {
        let defaults = ModelConfiguration()
        XCTAssertGreaterThan(defaults.pretraining.epochs, 0)
        XCTAssertEqual(defaults.inputTransform, .scaledLogTFIDF)
        XCTAssertNotNil(defaults.fineTuning.neighbourTargets)
        XCTAssertEqual(defaults.pretraining.wordReconstruction, .sampledTokens)
        XCTAssertEqual(defaults.fineTuning.hashHeadWordLayers, .softmaxKept)
        XCTAssertEqual(defaults.fineTuning.epochs, 15)
        XCTAssertNil(defaults.fineTuning.hashHeadEpochs)
        XCTAssertEqual(defaults.hashHeadRun.epochs, 6, "a head started from an RBM runs six epochs")
        XCTAssertTrue(defaults.hashHeadStartsAsRBM)
        XCTAssertEqual(FineTuningSettings(epochs: 4).hashHeadRun(newLayersStartAsRBM: true).epochs, 4, "at most the real code's")
        var retrained = defaults
        retrained.fineTuning.hashHeadWordLayers = .retrained
        XCTAssertFalse(retrained.hashHeadStartsAsRBM)
        XCTAssertEqual(retrained.hashHeadRun.epochs, 15, "a head started from Glorot weights runs the real code's epochs")
        var shallow = defaults
        shallow.hiddenLayers = []
        XCTAssertFalse(shallow.hashHeadStartsAsRBM)
        XCTAssertEqual(shallow.hashHeadRun.epochs, 15, "with no layer below the code there is no RBM start")
        XCTAssertEqual(FineTuningSettings(epochs: 20, hashHeadEpochs: 7).hashHeadRun(newLayersStartAsRBM: true).epochs, 7)
    }

    /// The report's stage of `phase` (each phase here has one).
    private func stage(_ phase: TrainingPhase, of report: TrainingReport) throws -> TrainingReport.Stage {
        try XCTUnwrap(report.stages.first { $0.phase == phase }, "no \(phase.rawValue) stage")
    }

    func testTheHashHeadRunsItsOwnEpochs() throws {
        var configuration = Self.smallConfiguration()
        configuration.hashBits = 6
        configuration.fineTuning.codeNoiseSchedule = .rampedFresh
        configuration.fineTuning.hashHeadEpochs = 3
        var events: [TrainingProgress] = []
        let report = try ModelTrainer(configuration: configuration)
            .train(BagOfWordsMatrix(corpus.bags, width: corpus.vocabularySize)) { events.append($0) }.report
        let hashing = events.filter { $0.phase == .hashFineTuning }
        XCTAssertEqual(hashing.map(\.epoch), [1, 2, 3])
        XCTAssertTrue(hashing.allSatisfy { $0.epochs == 3 })
        XCTAssertEqual(try stage(.hashFineTuning, of: report).epochs, 3)
        XCTAssertTrue(events.filter { $0.phase == .fineTuning }.allSatisfy { $0.epochs == 12 })
    }

    func testAHashHeadThatKeepsWordLayersTrainsOnlyTheOthers() throws {
        var configuration = Self.smallConfiguration()
        configuration.hashBits = 6
        configuration.fineTuning.codeNoiseSchedule = .rampedFresh
        configuration.fineTuning.hashHeadWordLayers = .kept
        let bags = BagOfWordsMatrix(corpus.bags, width: corpus.vocabularySize)
        let kept = try ModelTrainer(configuration: configuration).train(bags) { _ in }
        let head = try XCTUnwrap(kept.model.hashHead)
        XCTAssertEqual(head.layers[0], kept.model.network.layers[0], "the word layer is the real code's")
        XCTAssertGreaterThan(neighbourPrecision(kept.model.encodeWithHashes(corpus.bags).hashUnits, labels: corpus.labels, k: 10),
                             0.6, "the layers between learn a hash; chance is 0.25")
        // Per document, 40-16-8-6-8-16-40 with the first and last layers kept: the softmax layer's forward product
        // and delta; three products each for the three layers above the first hidden layer; the forward product
        // and weight gradient of the layer on it, whose delta would only feed the kept first layer; and the first
        // layer's forward product on the stored words (no word dropout here).
        let storedWords = Double(corpus.bags.reduce(0) { $0 + $1.termIDs.count })
        let perEpoch = 160 * (2 * 2 * 16 * 40 + 3 * 2 * (8 * 6 + 6 * 8 + 8 * 16) + 2 * 2 * 16 * 8) + 2 * storedWords * 16
        let keptRun = try stage(.hashFineTuning, of: kept.report)
        XCTAssertEqual(keptRun.flops, Double(keptRun.epochs) * perEpoch)
        let start = try stage(.hashHeadPretraining, of: kept.report)
        XCTAssertEqual(start.shape, "8-6")
        XCTAssertEqual(start.epochs, configuration.pretraining.epochs)
        XCTAssertGreaterThan(start.flops, 0)

        // The softmax layer kept, the first layer trained: its weight gradient on the stored words, and the delta
        // of the layer above it.
        configuration.fineTuning.hashHeadWordLayers = .softmaxKept
        let softmaxKept = try ModelTrainer(configuration: configuration).train(bags) { _ in }
        XCTAssertNotEqual(try XCTUnwrap(softmaxKept.model.hashHead).layers[0], softmaxKept.model.network.layers[0])
        XCTAssertGreaterThan(neighbourPrecision(softmaxKept.model.encodeWithHashes(corpus.bags).hashUnits,
                                                labels: corpus.labels, k: 10), 0.6)
        let softmaxKeptPerEpoch = 160 * (2 * 2 * 16 * 40 + 3 * 2 * (16 * 8 + 8 * 6 + 6 * 8 + 8 * 16)) + 4 * storedWords * 16
        let softmaxKeptRun = try stage(.hashFineTuning, of: softmaxKept.report)
        XCTAssertEqual(softmaxKeptRun.flops, Double(softmaxKeptRun.epochs) * softmaxKeptPerEpoch)

        configuration.fineTuning.hashHeadWordLayers = .retrained
        let retrained = try ModelTrainer(configuration: configuration).train(bags) { _ in }
        XCTAssertNotEqual(try XCTUnwrap(retrained.model.hashHead).layers[0], retrained.model.network.layers[0])
        XCTAssertEqual(retrained.model.network, kept.model.network, "the real code's run is the same")
        XCTAssertEqual(softmaxKept.model.network, kept.model.network)
        let retrainedRun = try stage(.hashFineTuning, of: retrained.report)
        XCTAssertEqual(softmaxKeptRun.epochs, FineTuningSettings.rbmStartedHashHeadEpochs, "a head started from an RBM")
        XCTAssertEqual(retrainedRun.epochs, configuration.fineTuning.epochs, "a head started from Glorot weights")
        XCTAssertEqual(retrainedRun.flops / Double(retrainedRun.epochs),
                       softmaxKeptRun.flops / Double(softmaxKeptRun.epochs) + 160 * 2 * 16 * 40,
                       "an epoch does the softmax layer's weight gradient too")
        XCTAssertFalse(retrained.report.stages.contains { $0.phase == .hashHeadPretraining },
                       "a retrained head starts from Glorot weights")
    }

    func testGlorotRecipeLearnsWithoutPretraining() throws {
        var events: [TrainingProgress] = []
        let result = try ModelTrainer(configuration: Self.smallRecipe())
            .train(BagOfWordsMatrix(corpus.bags, width: corpus.vocabularySize)) { events.append($0) }
        XCTAssertTrue(events.allSatisfy { $0.phase != .pretraining })
        XCTAssertLessThan(events.last!.loss, events.first!.loss - 0.05, "fine-tuning cross-entropy must fall")
        XCTAssertEqual(result.model.network.inputTransform, .scaledLogTFIDF)
        let codes = result.model.encode(corpus.bags)
        XCTAssertGreaterThan(neighbourPrecision(codes, labels: corpus.labels, k: 10), 0.8, "chance is 0.25")
    }

    func testLogisticRecipeRetrainsAFreshLogisticCode() throws {
        var configuration = Self.smallRecipe(code: .logistic)
        configuration.fineTuning.epochs = 3
        var events: [TrainingProgress] = []
        let model = try ModelTrainer(configuration: configuration)
            .train(BagOfWordsMatrix(corpus.bags, width: corpus.vocabularySize)) { events.append($0) }.model
        XCTAssertEqual(events.count, 6, "a linear-code run, then a logistic-code run")
        XCTAssertEqual(model.network.codeActivation, .logistic)
        let codes = model.encode(corpus.bags)
        XCTAssertTrue(codes.values.allSatisfy { $0 > 0 && $0 < 1 })
    }

    func testPretrainingOnTheScaledLogTFIDFInputLearnsAndSeparatesTopics() throws {
        var configuration = Self.smallConfiguration()
        configuration.inputTransform = .scaledLogTFIDF
        var events: [TrainingProgress] = []
        let result = try ModelTrainer(configuration: configuration)
            .train(BagOfWordsMatrix(corpus.bags, width: corpus.vocabularySize)) { events.append($0) }
        let firstLayer = events.filter { $0.layer == 1 }.map(\.loss)
        XCTAssertLessThan(firstLayer.last!, firstLayer.first!, "word-layer reconstruction error must fall")
        XCTAssertNotNil(result.model.network.inputWeighting, "the unrolled network keeps the idf weighting")
        let codes = result.model.encode(corpus.bags)
        XCTAssertGreaterThan(neighbourPrecision(codes, labels: corpus.labels, k: 10), 0.8, "chance is 0.25")
    }

    func testTheETAPricesTheWorkLeftAtEachStagesOwnPace() {
        // 100 GFLOP of pretraining, which runs at 10 GFLOP/s, then 300 of fine-tuning, which the tracker expects
        // to run `rbmCost` times faster.
        let rbmCost = TrainingPhase.pretraining.relativeCost
        var tracker = ProgressTracker(plannedWork: 100e9 * rbmCost + 300e9, widths: [40, 16, 3])
        let pretrained = tracker.record(EpochRecord(phase: .pretraining, layer: 1, epoch: 1, epochs: 1, loss: 1,
                                                    examples: 10, seconds: 10, flops: 100e9), elapsed: 10)
        // The 300 GFLOP left at the pace so far (100 GFLOP weighted by their cost, in 10 s), not at the RBM's
        // 10 GFLOP/s (30 s).
        XCTAssertEqual(pretrained.remainingSeconds, 300e9 / (100e9 * rbmCost / 10), accuracy: 1e-9)
        XCTAssertLessThan(pretrained.remainingSeconds, 30)
        let halfway = tracker.record(EpochRecord(phase: .fineTuning, layer: nil, epoch: 1, epochs: 2, loss: 1,
                                                 examples: 10, seconds: 5, flops: 150e9), elapsed: 15)
        XCTAssertEqual(halfway.remainingSeconds, 150e9 / ((100e9 * rbmCost + 150e9) / 15), accuracy: 1e-9)
        let done = tracker.record(EpochRecord(phase: .fineTuning, layer: nil, epoch: 2, epochs: 2, loss: 1,
                                              examples: 10, seconds: 5, flops: 150e9), elapsed: 20)
        XCTAssertEqual(done.remainingSeconds, 0)
        XCTAssertEqual(tracker.stages.map(\.flops), [100e9, 300e9], "the report keeps the operations unweighted")
    }

    func testProgressAndReportDescribeEveryStage() throws {
        var events: [TrainingProgress] = []
        var configuration = Self.smallConfiguration()
        configuration.hashBits = 6
        configuration.pretraining.wordReconstruction = .meanField
        let result = try ModelTrainer(configuration: configuration)
            .train(BagOfWordsMatrix(corpus.bags, width: corpus.vocabularySize)) { events.append($0) }
        let fineTuningEpochs = result.report.stages[3].epochs, hashEpochs = result.report.stages[5].epochs
        XCTAssertEqual(fineTuningEpochs, 12)
        XCTAssertEqual(hashEpochs, FineTuningSettings.rbmStartedHashHeadEpochs, "a head started from an RBM runs six epochs")
        XCTAssertEqual(events.count, 3 * 8 + fineTuningEpochs + 8 + hashEpochs)
        XCTAssertEqual(events.map(\.layer), Array(repeating: 1, count: 8) + Array(repeating: 2, count: 8)
                       + Array(repeating: 3, count: 8) + Array(repeating: nil, count: events.count - 24))
        XCTAssertEqual(events.map(\.phase).suffix(8 + hashEpochs),
                       Array(repeating: .hashHeadPretraining, count: 8) + Array(repeating: .hashFineTuning, count: hashEpochs))
        XCTAssertTrue(zip(events, events.dropFirst()).allSatisfy { $0.elapsedSeconds <= $1.elapsedSeconds })
        XCTAssertEqual(events.last!.remainingSeconds, 0, accuracy: 1e-9)
        XCTAssertTrue(events.allSatisfy { $0.examplesPerSecond > 0 && $0.loss.isFinite })
        let report = result.report
        XCTAssertEqual(report.stages.map(\.shape), ["40-16", "16-8", "8-3", "40-16-8-3-8-16-40", "8-6", "40-16-8-6-8-16-40"])
        XCTAssertEqual(report.stages.map(\.phase), [.pretraining, .pretraining, .pretraining, .fineTuning,
                                                    .hashHeadPretraining, .hashFineTuning])
        XCTAssertEqual(report.trainingDocuments, corpus.bags.count)
        XCTAssertTrue(report.stages.allSatisfy { $0.flops > 0 && $0.seconds > 0 })
        // First RBM, 8 epochs of CD-1: the three dense products of the negative phase, 160 documents × 2·40·16
        // each, and the up pass and positive statistics on the sparse input, 2·16 per stored word each.
        let storedWords = Double(corpus.bags.reduce(0) { $0 + $1.termIDs.count })
        let meanFieldFlops = 8 * (3 * 160 * 2 * 40 * 16 + 2 * storedWords * 2 * 16)
        XCTAssertEqual(report.stages[0].flops, meanFieldFlops)
        XCTAssertLessThan(storedWords, 160 * 40 / 2, "the input is sparse enough for the count to differ")
        // Drawn tokens: one dense down pass; the negative up pass and statistics count the words drawn.
        configuration.pretraining.wordReconstruction = .sampledTokens
        let drawn = try ModelTrainer(configuration: configuration)
            .train(BagOfWordsMatrix(corpus.bags, width: corpus.vocabularySize)) { _ in }.report.stages[0].flops
        XCTAssertGreaterThan(drawn, 8 * (160 * 2 * 40 * 16 + 2 * storedWords * 2 * 16))
        XCTAssertLessThan(drawn, meanFieldFlops)
        let losses = report.stages[3].losses
        XCTAssertEqual(report.fineTuningBestEpoch, losses.firstIndex(of: losses.min()!)! + 1)
        XCTAssertEqual(report.hashFineTuningSeconds, report.stages[5].seconds)
        XCTAssertGreaterThan(report.referenceProductGFLOPS, 0)
        XCTAssertEqual(result.model.architectureDescription, "40-16-8-3")
        XCTAssertTrue(events[0].description.hasPrefix("pretraining layer 1/3 (40-16) epoch 1/8: loss "))
        XCTAssertTrue(report.description.contains("fine-tuning (40-16-8-3-8-16-40)"))
        XCTAssertTrue(report.description.contains("hash head pretraining (8-6): 8 epochs"), report.description)
        XCTAssertTrue(report.description.contains("hash fine-tuning (40-16-8-6-8-16-40)"))
        XCTAssertTrue(events[24 + fineTuningEpochs].description.hasPrefix("hash head pretraining (8-6) epoch 1/8: loss "),
                      events[24 + fineTuningEpochs].description)
        XCTAssertTrue(events.last!.description.hasPrefix("hash fine-tuning (40-16-8-6-8-16-40) epoch"), events.last!.description)
    }

    func testSameSeedGivesBitIdenticalModelsAndAnotherSeedDoesNot() throws {
        for code in CodeUnits.allCases {
            var configuration = Self.smallConfiguration(code: code)
            configuration.pretraining.epochs = 2
            configuration.fineTuning.epochs = 2
            let first = try ModelTrainer(configuration: configuration).train(BagOfWordsMatrix(corpus.bags, width: 40)).model
            let second = try ModelTrainer(configuration: configuration).train(BagOfWordsMatrix(corpus.bags, width: 40)).model
            XCTAssertEqual(first.serialized(), second.serialized())
            XCTAssertEqual(first.encode(corpus.bags).values, second.encode(corpus.bags).values)
            XCTAssertEqual(first.hashHead != nil, code == .linear, "linear codes get a hash head")
            XCTAssertEqual(first.encodeWithHashes(corpus.bags).hashes, second.encodeWithHashes(corpus.bags).hashes)
            configuration.seed += 1
            let other = try ModelTrainer(configuration: configuration).train(BagOfWordsMatrix(corpus.bags, width: 40)).model
            XCTAssertNotEqual(first.encode(corpus.bags).values, other.encode(corpus.bags).values)
            XCTAssertNotEqual(first.encodeWithHashes(corpus.bags).hashUnits.values,
                              other.encodeWithHashes(corpus.bags).hashUnits.values)
        }
    }

    func testEmptyBagsAreSkippedAndEncodeAsZeroInput() throws {
        var configuration = Self.smallConfiguration()
        configuration.pretraining.epochs = 1
        configuration.fineTuning.epochs = 1
        let empty = BagOfWords(termIDs: [], counts: [], outOfVocabularyCount: 3)
        let withEmpty = [empty] + corpus.bags + [empty]
        let result = try ModelTrainer(configuration: configuration).train(BagOfWordsMatrix(withEmpty, width: 40))
        XCTAssertEqual(result.report.skippedEmptyDocuments, 2)
        XCTAssertEqual(result.report.trainingDocuments, corpus.bags.count)
        let trainedWithoutEmpty = try ModelTrainer(configuration: configuration).train(BagOfWordsMatrix(corpus.bags, width: 40))
        XCTAssertEqual(result.model, trainedWithoutEmpty.model, "empty bags must not influence training")
        let codes = result.model.encode([empty, corpus.bags[0], empty])
        // No words: a zero input whose length 0 also scales the replicated-softmax hidden biases to zero.
        var zeroInput = VisibleBatch(values: Matrix(rows: 1, columns: 40))
        zeroInput.hiddenBiasScales = [0]
        let zeroInputCode = result.model.network.encode(zeroInput)
        // BLAS kernels round rows differently by their position in a product: equal up to rounding.
        for unit in 0..<3 {
            XCTAssertEqual(codes[0, unit], zeroInputCode.values[unit], accuracy: 1e-5)
            XCTAssertEqual(codes[2, unit], zeroInputCode.values[unit], accuracy: 1e-5)
        }
        XCTAssertGreaterThan(zip(codes.row(1), zeroInputCode.values).map { abs($0 - $1) }.max()!, 1e-3)
    }

    func testDivergenceIsReportedNotHidden() {
        var configuration = Self.smallConfiguration()
        configuration.pretraining.wordLayerLearningRate = 1e30
        XCTAssertThrowsError(try ModelTrainer(configuration: configuration).train(BagOfWordsMatrix(corpus.bags, width: 40))) { error in
            guard case let .diverged(phase, layer, epoch, learningRate, afterPretraining) = error as? TrainingError else {
                return XCTFail("expected divergence, got \(error)")
            }
            XCTAssertEqual(phase, .pretraining)
            XCTAssertEqual(layer, 1)
            XCTAssertEqual(epoch, 1)
            XCTAssertFalse(afterPretraining)
            XCTAssertTrue(learningRate.contains("pretraining.wordLayerLearningRate is 1e+30"), learningRate)
            XCTAssertFalse("\(error)".contains("--"), "library messages state facts; the command line names flags")
        }
        configuration = Self.smallConfiguration()
        configuration.fineTuning.optimizer = .momentum
        configuration.fineTuning.learningRate = 1e30
        XCTAssertThrowsError(try ModelTrainer(configuration: configuration).train(BagOfWordsMatrix(corpus.bags, width: 40))) { error in
            guard case let .diverged(phase, layer, _, _, _) = error as? TrainingError else {
                return XCTFail("expected divergence, got \(error)")
            }
            XCTAssertEqual(phase, .fineTuning)
            XCTAssertNil(layer)
        }
        var poisoned = corpus.bags
        poisoned[3].counts[0] = .infinity
        XCTAssertThrowsError(try ModelTrainer(configuration: Self.smallConfiguration()).train(BagOfWordsMatrix(poisoned, width: 40))) {
            guard case .diverged(.pretraining, 1, 1, _, _) = $0 as? TrainingError else { return XCTFail("got \($0)") }
        }
    }

    func testInvalidInputsGiveActionableErrors() {
        let trainer = ModelTrainer(configuration: Self.smallConfiguration())
        XCTAssertThrowsError(try trainer.train(BagOfWordsMatrix([BagOfWords(termIDs: [40], counts: [1])], width: 40))) {
            XCTAssertEqual($0 as? TrainingError, .termOutOfRange(document: 0, termID: 40, vocabularySize: 40))
        }
        XCTAssertThrowsError(try trainer.train(BagOfWordsMatrix([BagOfWords()], width: 40))) {
            XCTAssertEqual($0 as? TrainingError, .noTrainingDocuments)
        }
        var configuration = Self.smallConfiguration()
        configuration.codeSize = 0
        XCTAssertThrowsError(try ModelTrainer(configuration: configuration).train(BagOfWordsMatrix(corpus.bags, width: 40))) {
            guard case .invalidConfiguration = $0 as? TrainingError else { return XCTFail("got \($0)") }
            XCTAssertTrue("\($0)".contains("code size"))
        }
        // Values a model's stored JSON could not hold are refused before training, not at saving.
        for (knob, poison) in [("fine-tuning learning rate", { (c: inout ModelConfiguration) in c.fineTuning.learningRate = .infinity }),
                               ("pretraining learning rates", { $0.pretraining.linearLearningRate = .nan }),
                               ("input scale", { $0.inputScale = .infinity }),
                               ("code noise", { $0.fineTuning.codeNoise = .infinity })] {
            var poisoned = Self.smallConfiguration()
            poison(&poisoned)
            XCTAssertThrowsError(try poisoned.validate(), knob) {
                XCTAssertTrue("\($0)".contains(knob), "\($0)")
            }
        }
    }

    func testEarlyStoppingKeepsTheBestEpoch() {
        var stopping = EarlyStopping(patience: 2)
        let losses = [5.0, 4.0, 4.5, 3.9, 4.2, 4.3, 4.4]
        var decisions: [(Bool, Bool)] = []
        for (index, loss) in losses.enumerated() { decisions.append(stopping.record(loss, epoch: index + 1)) }
        XCTAssertEqual(decisions.map(\.0), [true, true, false, true, false, false, false])
        XCTAssertEqual(decisions.map(\.1), [false, false, false, false, false, true, true])
        XCTAssertEqual(stopping.bestEpoch, 4)
        XCTAssertEqual(stopping.bestLoss, 3.9)
    }

    /// Mean fraction of each document's k nearest codes (Euclidean, excluding itself) with its label.
    private func neighbourPrecision(_ codes: Matrix, labels: [Int], k: Int) -> Double {
        var total = 0.0
        for query in 0..<codes.rows {
            let distances = (0..<codes.rows).filter { $0 != query }.map { other in
                (zip(codes.row(query), codes.row(other)).reduce(Float(0)) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }, other)
            }
            let nearest = distances.sorted { $0.0 < $1.0 }.prefix(k)
            total += Double(nearest.filter { labels[$0.1] == labels[query] }.count) / Double(k)
        }
        return total / Double(codes.rows)
    }
}
