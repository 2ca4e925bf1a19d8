@testable import SemanticHashing
import TestSupport
import XCTest

/// The hash head: trained after the real code by the default recipe, read from the same input, cut at 0.5.
final class HashHeadTests: XCTestCase {
    private let corpus = SyntheticCorpus(topics: 4, documentsPerTopic: 40, vocabularySize: 40,
                                         wordsPerDocument: 15...60, seed: 11)

    private func train(bits: Int?, code: CodeUnits = .linear) throws -> SemanticHashingModel {
        var configuration = ModelTrainerTests.smallRecipe(code: code)
        configuration.hashBits = bits
        return try ModelTrainer(configuration: configuration)
            .train(BagOfWordsMatrix(corpus.bags, width: corpus.vocabularySize)).model
    }

    func testDefaultConfigurationHasA64BitHashHeadBesideA10DCode() {
        let configuration = ModelConfiguration()
        XCTAssertEqual(configuration.codeSize, 10)
        XCTAssertEqual(configuration.hashBits, 64)
        XCTAssertEqual(configuration.hashHeadBits, 64)
        XCTAssertEqual(configuration.hashBitCount, 64)
        var logistic = configuration
        logistic.codeUnits = .logistic
        logistic.codeSize = 32
        XCTAssertNil(logistic.hashHeadBits, "a logistic code is its own hash")
        XCTAssertEqual(logistic.hashBitCount, 32)
        var tooWide = configuration
        tooWide.hashBits = 2000
        XCTAssertThrowsError(try tooWide.validate()) { error in
            XCTAssertTrue("\(error)".contains("1 to 1024 bits (got 2000)"), "\(error)")
        }
    }

    func testHashesAreTheHeadsUnitsCutAtOneHalfAndSeparateTopics() throws {
        let model = try train(bits: 16)
        let head = try XCTUnwrap(model.hashHead)
        XCTAssertEqual(model.codeSize, 3)
        XCTAssertEqual(model.hashBitCount, 16)
        let encoded = model.encodeWithHashes(corpus.bags)
        XCTAssertEqual(encoded.codes.values, model.encode(corpus.bags).values, "the real code is the code network's")
        XCTAssertEqual(encoded.hashes.count, corpus.bags.count)
        XCTAssertEqual(encoded.hashes.bitCount, 16)
        // The head's units recomputed by hand from its layers: logistic(logistic(x·W₁ + b₁)·W₂ + b₂).
        let batch = VisibleBatch(bags: corpus.bags, indices: corpus.bags.indices, vocabularySize: model.vocabularySize,
                                 transform: model.network.inputTransform, weighting: model.network.inputWeighting)
        var reference = batch.values
        for layer in head.layers {
            var next = Matrix(rows: reference.rows, columns: layer.outputCount)
            for row in 0..<reference.rows {
                for unit in 0..<layer.outputCount {
                    var total = layer.bias[unit]
                    for input in 0..<layer.inputCount { total += reference[row, input] * layer.weights[input, unit] }
                    next[row, unit] = 1 / (1 + expf(-total))
                }
            }
            reference = next
        }
        var cut = 0
        for row in 0..<reference.rows {
            for bit in 0..<16 {
                XCTAssertEqual(encoded.hashUnits[row, bit], reference[row, bit], accuracy: 1e-4)
                XCTAssertEqual(encoded.hashes.bit(bit, of: row), encoded.hashUnits[row, bit] > 0.5)
                if encoded.hashes.bit(bit, of: row) { cut += 1 }
            }
        }
        XCTAssertGreaterThan(cut, 0)
        XCTAssertLessThan(cut, reference.rows * 16, "not every bit is set")
        // Hamming neighbours share the topic far above chance (0.25).
        var precision = 0.0
        for query in corpus.bags.indices {
            let others = corpus.bags.indices.filter { $0 != query }
                .sorted { (encoded.hashes.distance($0, to: Array(encoded.hashes.code(query))), $0)
                    < (encoded.hashes.distance($1, to: Array(encoded.hashes.code(query))), $1) }
            precision += Double(others.prefix(10).filter { corpus.labels[$0] == corpus.labels[query] }.count) / 10
        }
        XCTAssertGreaterThan(precision / Double(corpus.bags.count), 0.7)
    }

    func testAHashHeadThatKeepsTheSoftmaxStartsFromAnRBMOnTheLayerBelowTheCode() throws {
        let network = try train(bits: nil).network
        let depth = network.encoderDepth
        // The layer below the code, by hand: the first layer on the documents' inputs.
        let features = network.outputsBelowTheCode(of: corpus.bags)
        let batch = VisibleBatch(bags: corpus.bags, indices: corpus.bags.indices, vocabularySize: corpus.vocabularySize,
                                 transform: network.inputTransform, weighting: network.inputWeighting)
        let first = network.layers[0].output(for: batch.input, biasScales: batch.hiddenBiasScales)
        XCTAssertEqual(features.rows, corpus.bags.count)
        for (actual, expected) in zip(features.values, first.values) { XCTAssertEqual(actual, expected, accuracy: 1e-5) }

        var random = RandomSource(seed: 3)
        var settings = PretrainingSettings()
        settings.epochs = 30
        settings.batchSize = 20
        var records: [EpochRecord] = []
        let machine = try RestrictedBoltzmannMachine.pretrained(on: features, hidden: 6, settings: settings,
                                                                random: &random) { records.append($0) }
        XCTAssertEqual(records.map(\.epoch), Array(1...30))
        XCTAssertTrue(records.allSatisfy { $0.phase == .hashHeadPretraining && $0.layer == nil && $0.flops > 0 })
        var untrainedRandom = RandomSource(seed: 3)
        let untrained = RestrictedBoltzmannMachine(visible: features.columns, hidden: 6, visibleUnits: .logistic,
                                                   hiddenUnits: .logistic, weightScale: settings.initialWeightScale,
                                                   random: &untrainedRandom)
        func error(_ machine: RestrictedBoltzmannMachine) -> Double {
            machine.reconstruct(from: machine.hiddenMeans(.dense(features), biasScales: nil),
                                like: VisibleBatch(values: features)).error
        }
        XCTAssertLessThan(error(machine), 0.5 * error(untrained), "CD lowers the reconstruction error")

        let fresh = network.replacingCode(with: machine)
        XCTAssertEqual(fresh.codeSize, 6)
        XCTAssertEqual(fresh.layers[depth - 1], DenseLayer(weights: machine.weights, bias: machine.hiddenBias,
                                                           activation: .logistic))
        XCTAssertEqual(fresh.layers[depth], DenseLayer(weights: machine.weights.transposed(), bias: machine.visibleBias,
                                                       activation: .logistic))
        for index in fresh.layers.indices where index != depth - 1 && index != depth {
            XCTAssertEqual(fresh.layers[index], network.layers[index], "layer \(index) is kept")
        }
    }

    func testSameSeedGivesTheSameHashHeadAndAnotherSeedDoesNot() throws {
        let first = try train(bits: 16), second = try train(bits: 16)
        XCTAssertEqual(first.serialized(), second.serialized())
        XCTAssertEqual(first.encodeWithHashes(corpus.bags).hashes, second.encodeWithHashes(corpus.bags).hashes)
        var configuration = ModelTrainerTests.smallRecipe()
        configuration.hashBits = 16
        configuration.seed += 1
        let other = try ModelTrainer(configuration: configuration)
            .train(BagOfWordsMatrix(corpus.bags, width: corpus.vocabularySize)).model
        XCTAssertNotEqual(other.hashHead, first.hashHead)
    }

    func testWithoutHashBitsOrWithLogisticCodesTheHashIsTheCutCode() throws {
        for model in [try train(bits: nil), try train(bits: 16, code: .logistic)] {
            XCTAssertNil(model.hashHead)
            XCTAssertEqual(model.hashBitCount, model.codeSize)
            let encoded = model.encodeWithHashes(corpus.bags)
            XCTAssertEqual(encoded.hashes, BinaryCodes(thresholding: encoded.codes, at: model.hashThresholds))
        }
    }
}
