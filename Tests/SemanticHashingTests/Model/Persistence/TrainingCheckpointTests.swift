@testable import SemanticHashing
import TestSupport
import XCTest

/// Checkpoints: a training resumed from any checkpoint ends with the model of the uninterrupted training,
/// bit for bit; damaged or foreign checkpoints are refused with a typed error.
final class TrainingCheckpointTests: XCTestCase {
    private let corpus = SyntheticCorpus(topics: 4, documentsPerTopic: 20, vocabularySize: 40,
                                         wordsPerDocument: 15...60, seed: 23)

    /// The default recipe with logistic codes: a linear-code run, then a logistic-code run with ramped noise.
    private static var twoStageRecipe: ModelConfiguration {
        var configuration = ModelTrainerTests.smallRecipe(code: .logistic)
        configuration.fineTuning.epochs = 4
        return configuration
    }

    /// The default recipe with a linear code: the real code's run, then the hash head's run.
    private static var hashHeadRecipe: ModelConfiguration {
        var configuration = ModelTrainerTests.smallRecipe()
        configuration.hashBits = 8
        configuration.fineTuning.epochs = 3
        return configuration
    }

    /// The papers' recipe: RBM pretraining of three layers, then fine-tuning with fixed code noise.
    private static var pretrainedRecipe: ModelConfiguration {
        var configuration = ModelTrainerTests.smallConfiguration(code: .logistic)
        configuration.pretraining.epochs = 3
        configuration.fineTuning.epochs = 4
        configuration.fineTuning.codeNoise = 2
        return configuration
    }

    func testResumingFromEveryCheckpointOfTheDefaultRecipeGivesTheSameModel() throws {
        try assertResumesExactly(Self.twoStageRecipe, expectedCheckpoints: 8)
    }

    func testResumingFromEveryCheckpointOfTheHashHeadRecipeGivesTheSameModel() throws {
        try assertResumesExactly(Self.hashHeadRecipe, expectedCheckpoints: 6)
        var positions: [String] = []
        let model = try ModelTrainer(configuration: Self.hashHeadRecipe).train(BagOfWordsMatrix(
            corpus.bags, width: corpus.vocabularySize),
            checkpoints: CheckpointSchedule(interval: 0) { positions.append($0.position) }).model
        XCTAssertEqual(model.hashHead?.bitCount, 8)
        XCTAssertEqual(positions, ["fine-tuning run 1 of 2, epoch 1 of 3", "fine-tuning run 1 of 2, epoch 2 of 3",
                                   "fine-tuning run 1 of 2, epoch 3 of 3", "hash fine-tuning run 2 of 2, epoch 1 of 3",
                                   "hash fine-tuning run 2 of 2, epoch 2 of 3", "hash fine-tuning run 2 of 2, epoch 3 of 3"])
    }

    func testResumingFromEveryCheckpointOfAHashHeadThatKeepsTheSoftmaxLayerGivesTheSameModel() throws {
        var configuration = Self.hashHeadRecipe
        configuration.fineTuning.hashHeadWordLayers = .softmaxKept
        try assertResumesExactly(configuration, expectedCheckpoints: 6)
    }

    func testResumingFromEveryCheckpointOfTheHashHeadRecipeWithASpectralTeacherGivesTheSameModel() throws {
        var configuration = Self.hashHeadRecipe
        configuration.fineTuning.spectralTeacher = SpectralTeacher(weight: 2, neighbours: 6)
        try assertResumesExactly(configuration, expectedCheckpoints: 6)
    }

    func testResumingFromEveryCheckpointOfThePretrainedRecipeGivesTheSameModel() throws {
        try assertResumesExactly(Self.pretrainedRecipe, expectedCheckpoints: 3 * 3 + 4)
    }

    func testCheckpointsFollowTheirInterval() throws {
        var saved = 0
        _ = try ModelTrainer(configuration: Self.twoStageRecipe).train(BagOfWordsMatrix(
            corpus.bags, width: corpus.vocabularySize),
            checkpoints: CheckpointSchedule(interval: 3600) { _ in saved += 1 })
        XCTAssertEqual(saved, 0, "a training shorter than the interval saves none")
    }

    func testACheckpointOfOtherDocumentsIsRefused() throws {
        let checkpoint = try firstCheckpoint(Self.twoStageRecipe)
        var changed = corpus.bags
        changed[3] = changed[4]
        XCTAssertThrowsError(try ModelTrainer(configuration: Self.twoStageRecipe)
            .train(BagOfWordsMatrix(changed, width: corpus.vocabularySize), resuming: checkpoint)) { error in
            guard case .checkpointOfOtherDocuments(savedDocuments: 80, currentDocuments: 80) = error as? TrainingError else {
                return XCTFail("unexpected \(error)")
            }
            XCTAssertTrue("\(error)".contains("saved for other documents"), "\(error)")
        }
    }

    func testDamagedCheckpointsAreRefused() throws {
        let bytes = try firstCheckpoint(Self.twoStageRecipe).serialized()
        var flipped = bytes
        flipped[bytes.count / 2] ^= 0x40
        let cases: [(String, [UInt8])] = [
            ("empty", []),
            ("a model, not a checkpoint", Array("SEMHASHM".utf8) + [UInt8](repeating: 0, count: 40)),
            ("truncated", Array(bytes.prefix(bytes.count - 100))),
            ("a flipped bit", flipped),
        ]
        for (name, damaged) in cases {
            XCTAssertThrowsError(try TrainingCheckpoint(serialized: damaged), name) { error in
                guard case .unreadableCheckpoint = error as? TrainingError else { return XCTFail("\(name): \(error)") }
            }
        }
        XCTAssertNoThrow(try TrainingCheckpoint(serialized: bytes))
    }

    func testPositionNamesTheStageAndEpoch() throws {
        var positions: [String] = []
        _ = try ModelTrainer(configuration: Self.twoStageRecipe).train(BagOfWordsMatrix(
            corpus.bags, width: corpus.vocabularySize),
            checkpoints: CheckpointSchedule(interval: 0) { positions.append($0.position) })
        XCTAssertEqual(positions.first, "fine-tuning run 1 of 2, epoch 1 of 4")
        XCTAssertEqual(positions.last, "fine-tuning run 2 of 2, epoch 4 of 4")
    }

    /// Trains `configuration` once, keeping every checkpoint, then resumes from each (after a round trip
    /// through bytes) and compares the models' bytes and the reports' stages with the uninterrupted run's.
    private func assertResumesExactly(_ configuration: ModelConfiguration, expectedCheckpoints: Int,
                                      file: StaticString = #filePath, line: UInt = #line) throws {
        var checkpoints: [[UInt8]] = []
        let trainer = ModelTrainer(configuration: configuration)
        let uninterrupted = try trainer.train(BagOfWordsMatrix(corpus.bags, width: corpus.vocabularySize),
                                              checkpoints: CheckpointSchedule(interval: 0) { checkpoints.append($0.serialized()) })
        XCTAssertEqual(checkpoints.count, expectedCheckpoints, file: file, line: line)
        let expected = uninterrupted.model.serialized()
        var otherSeed = configuration
        otherSeed.seed += 1
        for (index, bytes) in checkpoints.enumerated() {
            let checkpoint = try TrainingCheckpoint(serialized: bytes)
            XCTAssertEqual(checkpoint.serialized(), bytes, "checkpoint \(index) survives a round trip", file: file, line: line)
            let resumed = try ModelTrainer(configuration: otherSeed)
                .train(BagOfWordsMatrix(corpus.bags, width: corpus.vocabularySize), resuming: checkpoint)
            XCTAssertEqual(resumed.model.serialized(), expected, "resumed from checkpoint \(index)", file: file, line: line)
            XCTAssertEqual(resumed.report.stages.map(\.losses), uninterrupted.report.stages.map(\.losses),
                           "checkpoint \(index)", file: file, line: line)
        }
        let fresh = try ModelTrainer(configuration: otherSeed).train(BagOfWordsMatrix(corpus.bags, width: corpus.vocabularySize))
        XCTAssertNotEqual(fresh.model.serialized(), expected, "another seed trains another model: the comparison can fail",
                          file: file, line: line)
    }

    private func firstCheckpoint(_ configuration: ModelConfiguration) throws -> TrainingCheckpoint {
        var first: TrainingCheckpoint?
        _ = try ModelTrainer(configuration: configuration).train(BagOfWordsMatrix(
            corpus.bags, width: corpus.vocabularySize),
            checkpoints: CheckpointSchedule(interval: 0) { if first == nil { first = $0 } })
        return try XCTUnwrap(first)
    }
}
