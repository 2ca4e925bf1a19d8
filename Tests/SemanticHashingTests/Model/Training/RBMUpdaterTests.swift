@testable import SemanticHashing
import XCTest

/// The RBM update, whose CD products accumulate straight into the weight increment, against rbm.m's rule
/// applied to the CD gradient: `Δ ← μ·Δ + ε·(gradient − λ·W)`, `W += Δ` (biases without λ).
final class RBMUpdaterTests: XCTestCase {
    private let bags = [
        BagOfWords(termIDs: [0, 2, 5], counts: [3, 1, 2]),
        BagOfWords(termIDs: [1], counts: [7]),
        BagOfWords(),
        BagOfWords(termIDs: [0, 1, 2, 3, 4, 5], counts: [1, 1, 1, 1, 1, 4]),
    ]

    private func check(_ start: RestrictedBoltzmannMachine, on batch: VisibleBatch,
                       wordReconstruction: WordReconstruction = .meanField) {
        let (rate, cost) = (Float(0.05), Float(0.01))
        var machine = start, expected = start
        var updater = RBMUpdater(for: start)
        var increment = Matrix(rows: start.visibleCount, columns: start.hiddenCount)
        var visibleIncrement = [Float](repeating: 0, count: start.visibleCount)
        var hiddenIncrement = [Float](repeating: 0, count: start.hiddenCount)
        var random = RandomSource(seed: 5), replay = RandomSource(seed: 5)
        for momentum: Float in [0.5, 0.9] {
            let error = updater.train(&machine, on: batch, steps: 1, sampleHiddenStates: true,
                                      wordReconstruction: wordReconstruction, random: &random,
                                      learningRate: rate, momentum: momentum, weightCost: cost).error
            let gradient = expected.contrastiveDivergence(on: batch, steps: 1, sampleHiddenStates: true,
                                                          wordReconstruction: wordReconstruction, random: &replay)
            XCTAssertEqual(error, gradient.reconstructionError, accuracy: 1e-9 * max(1, error))
            for index in increment.values.indices {
                increment.values[index] = momentum * increment.values[index]
                    + rate * (gradient.weights.values[index] - cost * expected.weights.values[index])
                expected.weights.values[index] += increment.values[index]
            }
            for index in visibleIncrement.indices {
                visibleIncrement[index] = momentum * visibleIncrement[index] + rate * gradient.visibleBias[index]
                expected.visibleBias[index] += visibleIncrement[index]
            }
            for index in hiddenIncrement.indices {
                hiddenIncrement[index] = momentum * hiddenIncrement[index] + rate * gradient.hiddenBias[index]
                expected.hiddenBias[index] += hiddenIncrement[index]
            }
            for (actual, wanted) in zip(machine.weights.values, expected.weights.values) {
                XCTAssertEqual(actual, wanted, accuracy: 1e-6)
            }
            for (actual, wanted) in zip(updater.weightIncrement.values, increment.values) {
                XCTAssertEqual(actual, wanted, accuracy: 1e-6)
            }
            for (actual, wanted) in zip(machine.visibleBias + machine.hiddenBias, expected.visibleBias + expected.hiddenBias) {
                XCTAssertEqual(actual, wanted, accuracy: 1e-6)
            }
        }
        XCTAssertGreaterThan(increment.values.map(abs).max()!, 1e-3, "an update this small would test nothing")
        XCTAssertEqual(random.next(), replay.next(), "the same draws, in the same order")
    }

    func testWordLayerUpdateFollowsTheRule() {
        for wordReconstruction in WordReconstruction.allCases {
            var random = RandomSource(seed: 3)
            let machine = RestrictedBoltzmannMachine(visible: 6, hidden: 4, visibleUnits: .softmax, hiddenUnits: .logistic,
                                                     inputTransform: .scaledLogTFIDF, weightScale: 0.3, random: &random)
            check(machine, on: VisibleBatch(bags: bags, indices: bags.indices, vocabularySize: 6, transform: .scaledLogTFIDF,
                                            weighting: InputWeighting(fittedTo: bags, vocabularySize: 6, scale: 4)),
                  wordReconstruction: wordReconstruction)
        }
    }

    func testLogisticLayerUpdateFollowsTheRule() {
        var random = RandomSource(seed: 4)
        let machine = RestrictedBoltzmannMachine(visible: 6, hidden: 3, visibleUnits: .logistic, hiddenUnits: .logistic,
                                                 weightScale: 0.3, random: &random)
        var values = Matrix(rows: 5, columns: 6)
        values.values.withUnsafeMutableBufferPointer { random.fillUniform($0) }
        check(machine, on: VisibleBatch(values: values))
    }
}
