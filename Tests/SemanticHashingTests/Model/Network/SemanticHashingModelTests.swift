import SemanticHashing
import TestSupport
import XCTest

final class SemanticHashingModelTests: XCTestCase {
    /// A hand-built 4-word model with a 2-unit linear code; thresholds 0 and 1.
    private func model(thresholds: [Float] = [0, 1]) -> SemanticHashingModel {
        var random = RandomSource(seed: 6)
        func layer(_ inputs: Int, _ outputs: Int, _ activation: Activation) -> DenseLayer {
            var weights = Matrix(rows: inputs, columns: outputs)
            weights.values.withUnsafeMutableBufferPointer { random.fillGaussian($0) }
            return DenseLayer(weights: weights, bias: [Float](repeating: 0.1, count: outputs), activation: activation)
        }
        let network = Autoencoder(layers: [layer(4, 3, .logistic), layer(3, 2, .linear), layer(2, 3, .logistic),
                                           layer(3, 4, .softmax)],
                                  encoderDepth: 2, inputTransform: .counts)
        let configuration = ModelConfiguration(hiddenLayers: [3], codeSize: 2, inputTransform: .counts)
        return SemanticHashingModel(configuration: configuration, network: network, hashThresholds: thresholds)
    }

    func testShapesAndArchitecture() {
        let model = model()
        XCTAssertEqual(model.vocabularySize, 4)
        XCTAssertEqual(model.codeSize, 2)
        XCTAssertEqual(model.architectureDescription, "4-3-2")
        XCTAssertEqual(ModelConfiguration().architectureDescription(vocabularySize: 2000), "2000-500-10")
    }

    func testHashesThresholdEachUnitAtItsOwnCut() {
        let codes = Matrix(rows: 4, columns: 2, values: [0.5, 1.5,  -0.5, 0.5,  0, 1,  3, -3])
        let hashes = BinaryCodes(thresholding: codes, at: model().hashThresholds)
        XCTAssertEqual(hashes.count, 4)
        XCTAssertEqual(hashes.bitCount, 2)
        XCTAssertEqual(hashes.words, [0b11, 0b00, 0b00, 0b01], "a value at its threshold is bit 0")
        let wide = SemanticHashingModel(
            configuration: ModelConfiguration(hiddenLayers: [3], codeSize: 70, inputTransform: .counts),
            network: Autoencoder(layers: [DenseLayer(weights: Matrix(rows: 4, columns: 70), bias: [Float](repeating: 0, count: 70), activation: .linear),
                                          DenseLayer(weights: Matrix(rows: 70, columns: 4), bias: [0, 0, 0, 0], activation: .softmax)],
                                 encoderDepth: 1, inputTransform: .counts),
            hashThresholds: [Float](repeating: 0, count: 70))
        var many = Matrix(rows: 1, columns: 70, repeating: -1)
        many[0, 0] = 1
        many[0, 69] = 1
        XCTAssertEqual(BinaryCodes(thresholding: many, at: wide.hashThresholds).words, [1, 1 << 5])
    }

    func testEncodeInBatchesMatchesDocumentByDocument() {
        let model = model()
        var generator = SeededGenerator(seed: 1)
        let bags = (0..<2300).map { _ in
            BagOfWords(termIDs: [0, 1, 3], counts: (0..<3).map { _ in Float(Int.random(in: 1...5, using: &generator)) })
        }
        let codes = model.encode(bags)
        XCTAssertEqual(codes.rows, 2300)
        for index in [0, 999, 1000, 1001, 2299] {
            let single = model.encode([bags[index]])
            for unit in 0..<2 { XCTAssertEqual(codes[index, unit], single[0, unit], accuracy: 1e-5) }
        }
    }

    func testDecodeGivesWordDistributions() {
        let model = model()
        let codes = Matrix(rows: 3, columns: 2, values: [0, 0, 5, -5, -2, 8])
        let distributions = model.decode(codes)
        XCTAssertEqual(distributions.rows, 3)
        XCTAssertEqual(distributions.columns, 4)
        for row in 0..<3 {
            XCTAssertEqual(distributions.row(row).reduce(0, +), 1, accuracy: 1e-5)
            XCTAssertTrue(distributions.row(row).allSatisfy { $0 >= 0 })
        }
        XCTAssertNotEqual(distributions.row(0), distributions.row(1))
    }
}
