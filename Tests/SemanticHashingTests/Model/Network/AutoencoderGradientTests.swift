import SemanticHashing
import TestSupport
import XCTest

/// Back-propagated gradients against central finite differences of the Double reference loss, for every
/// parameter of every layer: word input (each transform, incl. length-scaled biases), logistic hidden
/// layers, linear and noisy logistic codes, the softmax cross-entropy output, and the spectral teacher's
/// cross-entropy on the logistic code units; frozen layers get none.
final class AutoencoderGradientTests: XCTestCase {
    private let bags = [
        BagOfWords(termIDs: [0, 2, 6], counts: [3, 1, 2]),
        BagOfWords(termIDs: [1], counts: [4]),
        BagOfWords(termIDs: [0, 1, 2, 3, 4, 5, 6], counts: [1, 1, 1, 1, 1, 2, 1]),
    ]

    private func network(code: Activation, transform: InputTransform) -> Autoencoder {
        var random = RandomSource(seed: 4)
        let widths = [7, 5, 4, 3]
        func layer(_ inputs: Int, _ outputs: Int, _ activation: Activation) -> DenseLayer {
            var weights = Matrix(rows: inputs, columns: outputs)
            weights.values.withUnsafeMutableBufferPointer { random.fillGaussian($0, standardDeviation: 0.6) }
            return DenseLayer(weights: weights, bias: (0..<outputs).map { _ in random.gaussian() * 0.3 }, activation: activation)
        }
        let encoder = (0..<3).map { layer(widths[$0], widths[$0 + 1], $0 == 2 ? code : .logistic) }
        let decoder = (0..<3).map { layer(widths[3 - $0], widths[2 - $0], $0 == 2 ? .softmax : .logistic) }
        let weighting = transform == .scaledLogTFIDF
            ? InputWeighting(inverseDocumentFrequencies: [1, 2, 1.5, 3, 1, 2.5, 1.2], scale: 4) : nil
        return Autoencoder(layers: encoder + decoder, encoderDepth: 3, inputTransform: transform, inputWeighting: weighting)
    }

    private func check(code: Activation, transform: InputTransform, noise: Bool, teacherWeight: Float? = nil,
                       frozenLayers: Set<Int> = [], file: StaticString = #filePath, line: UInt = #line) {
        let net = network(code: code, transform: transform)
        let batch = VisibleBatch(bags: bags, indices: bags.indices, vocabularySize: 7, transform: transform,
                                 weighting: net.inputWeighting)
        var random = RandomSource(seed: 12)
        var codeNoise: Matrix?
        if noise {
            var matrix = Matrix(rows: 3, columns: 3)
            matrix.values.withUnsafeMutableBufferPointer { random.fillGaussian($0, standardDeviation: 2) }
            codeNoise = matrix
        }
        let codeTargets = teacherWeight.map {
            CodeBitTargets(bits: Matrix(rows: 3, columns: 3, values: [1, 0, 1, 0, 0, 1, 1, 1, 0]), weight: $0)
        }
        var gradient = net.layers.map { DenseLayerGradient(weights: Matrix(rows: $0.inputCount, columns: $0.outputCount,
                                                                         repeating: .nan), bias: []) }
        let loss = net.lossAndGradient(on: batch, codeNoise: codeNoise, codeTargets: codeTargets,
                                       frozenLayers: frozenLayers, into: &gradient)
        func rows(_ m: Matrix) -> [[Double]] { (0..<m.rows).map { r in (0..<m.columns).map { Double(m[r, $0]) } } }
        let input = rows(batch.values), target = rows(batch.wordDistribution!)
        let scales = batch.hiddenBiasScales?.map(Double.init)
        let noiseRows = codeNoise.map(rows)
        let targetRows = codeTargets.map { rows($0.bits) }, targetWeight = Double(teacherWeight ?? 0)
        let reference = ReferenceAutoencoder(net)
        func referenceLoss(_ network: ReferenceAutoencoder) -> Double {
            network.loss(input: input, target: target, biasScales: scales, codeNoise: noiseRows,
                         codeTargets: targetRows, targetWeight: targetWeight)
        }
        XCTAssertEqual(loss, referenceLoss(reference), accuracy: 1e-5 * max(1, loss), file: file, line: line)
        if teacherWeight != nil {
            let untaught = reference.loss(input: input, target: target, biasScales: scales, codeNoise: noiseRows)
            XCTAssertGreaterThan(loss - untaught, 0.1, "the teacher's term is part of the loss", file: file, line: line)
        }
        let step = 1e-5
        func numeric(_ perturb: (inout ReferenceAutoencoder, Double) -> Void) -> Double {
            var plus = reference, minus = reference
            perturb(&plus, step)
            perturb(&minus, -step)
            return (referenceLoss(plus) - referenceLoss(minus)) / (2 * step)
        }
        var largest = 0.0
        for (index, layer) in net.layers.enumerated() {
            guard !frozenLayers.contains(index) else {
                XCTAssertTrue(gradient[index].weights.values.allSatisfy(\.isNaN) && gradient[index].bias.isEmpty,
                              "frozen layer \(index)'s gradient is left as it was", file: file, line: line)
                continue
            }
            for i in 0..<layer.inputCount {
                for j in 0..<layer.outputCount {
                    let expected = numeric { $0.weights[index][i][j] += $1 }
                    let actual = Double(gradient[index].weights[i, j])
                    largest = max(largest, abs(expected))
                    XCTAssertEqual(actual, expected, accuracy: 2e-5 + 1e-3 * abs(expected),
                                   "layer \(index) weight (\(i), \(j))", file: file, line: line)
                }
            }
            for j in 0..<layer.outputCount {
                let expected = numeric { $0.biases[index][j] += $1 }
                XCTAssertEqual(Double(gradient[index].bias[j]), expected, accuracy: 2e-5 + 1e-3 * abs(expected),
                               "layer \(index) bias \(j)", file: file, line: line)
            }
        }
        XCTAssertGreaterThan(largest, 1e-3, "gradients this small would not test anything", file: file, line: line)
    }

    func testLinearCodeOnWordProbabilities() {
        check(code: .linear, transform: .wordProbabilities, noise: false)
    }

    func testNoisyLogisticCodeOnCountsWithLengthScaledBiases() {
        check(code: .logistic, transform: .counts, noise: true)
    }

    func testLogisticCodeOnLogCounts() {
        check(code: .logistic, transform: .logCounts, noise: false)
    }

    func testNoisyLogisticCodeOnScaledLogTFIDF() {
        check(code: .logistic, transform: .scaledLogTFIDF, noise: true)
    }

    func testSpectralTeacherOnANoisyLogisticCode() {
        check(code: .logistic, transform: .scaledLogTFIDF, noise: true, teacherWeight: 1.5)
    }

    func testSpectralTeacherOnALogisticCodeOnCounts() {
        check(code: .logistic, transform: .counts, noise: false, teacherWeight: 4)
    }

    func testLinearCodeOnScaledLogTFIDF() {
        check(code: .linear, transform: .scaledLogTFIDF, noise: false)
    }

    func testKeptWordLayersGetNoGradientAndTheLayersBetweenTheRightOne() {
        check(code: .logistic, transform: .scaledLogTFIDF, noise: true, frozenLayers: [0, 5])
    }

    func testBackPropagationStopsAtTheLowestTrainedLayer() {
        check(code: .linear, transform: .counts, noise: false, frozenLayers: [0, 1, 4])
    }

    func testUnrollingCopiesWeightsTransposedWithVisibleBiases() {
        var random = RandomSource(seed: 2)
        let first = RestrictedBoltzmannMachine(visible: 6, hidden: 4, visibleUnits: .softmax, hiddenUnits: .logistic,
                                               weightScale: 1, random: &random)
        var second = RestrictedBoltzmannMachine(visible: 4, hidden: 2, visibleUnits: .logistic, hiddenUnits: .linear,
                                                weightScale: 1, random: &random)
        second.visibleBias = [1, 2, 3, 4]
        second.hiddenBias = [5, 6]
        let net = Autoencoder(unrolling: DeepBeliefNet(machines: [first, second]), inputTransform: .wordProbabilities)
        XCTAssertEqual(net.layers.map(\.activation), [.logistic, .linear, .logistic, .softmax])
        XCTAssertEqual(net.layers[1].bias, [5, 6])
        XCTAssertEqual(net.layers[2].bias, [1, 2, 3, 4])
        XCTAssertEqual(net.layers[2].weights, second.weights.transposed())
        XCTAssertEqual(net.layers[3].weights, first.weights.transposed())
        XCTAssertEqual(net.codeSize, 2)
        XCTAssertEqual(net.vocabularySize, 6)
    }
}
