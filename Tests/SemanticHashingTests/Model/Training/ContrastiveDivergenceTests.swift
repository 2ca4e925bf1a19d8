import SemanticHashing
import TestSupport
import XCTest

/// CD-k gradients of every RBM kind against the Double reference of TestSupport.
final class ContrastiveDivergenceTests: XCTestCase {
    private let bags = [
        BagOfWords(termIDs: [0, 2, 5], counts: [3, 1, 2]),
        BagOfWords(termIDs: [1], counts: [7]),
        BagOfWords(termIDs: [0, 1, 2, 3, 4, 5], counts: [1, 1, 1, 1, 1, 4]),
        BagOfWords(termIDs: [3, 4], counts: [2, 9]),
    ]

    private func machine(visible: Int, hidden: Int, visibleUnits: Activation, hiddenUnits: Activation,
                         transform: InputTransform = .wordProbabilities) -> RestrictedBoltzmannMachine {
        var random = RandomSource(seed: 21)
        var rbm = RestrictedBoltzmannMachine(visible: visible, hidden: hidden, visibleUnits: visibleUnits,
                                             hiddenUnits: hiddenUnits, inputTransform: transform,
                                             weightScale: 0.3, random: &random)
        for index in rbm.visibleBias.indices { rbm.visibleBias[index] = random.gaussian() * 0.2 }
        for index in rbm.hiddenBias.indices { rbm.hiddenBias[index] = random.gaussian() * 0.2 }
        return rbm
    }

    private func wordBatch(_ transform: InputTransform) -> VisibleBatch {
        VisibleBatch(bags: bags, indices: bags.indices, vocabularySize: 6, transform: transform,
                     weighting: transform == .scaledLogTFIDF
                         ? InputWeighting(fittedTo: bags, vocabularySize: 6, scale: 40) : nil)
    }

    private func binaryBatch() -> VisibleBatch {
        var random = RandomSource(seed: 8)
        var values = Matrix(rows: 5, columns: 6)
        values.values.withUnsafeMutableBufferPointer { random.fillUniform($0) }
        return VisibleBatch(values: values)
    }

    private func check(_ rbm: RestrictedBoltzmannMachine, on batch: VisibleBatch, steps: Int, sampled: Bool,
                       file: StaticString = #filePath, line: UInt = #line) {
        var random = RandomSource(seed: 99)
        let gradient = rbm.contrastiveDivergence(on: batch, steps: steps, sampleHiddenStates: sampled, random: &random)
        var replay: RandomSource? = sampled ? RandomSource(seed: 99) : nil
        let visible = (0..<batch.count).map { r in (0..<batch.values.columns).map { Double(batch.values[r, $0]) } }
        let distributions = batch.wordDistribution.map { d in (0..<d.rows).map { r in (0..<d.columns).map { Double(d[r, $0]) } } }
        let expected = ReferenceRBM(rbm).contrastiveDivergence(
            visible: visible, lengths: (batch.lengths ?? [Float](repeating: 1, count: batch.count)).map(Double.init),
            distributions: distributions, steps: steps, random: &replay)
        func close(_ actual: Float, _ wanted: Double) -> Bool { abs(Double(actual) - wanted) <= 2e-4 * max(1, abs(wanted)) }
        for i in 0..<rbm.visibleCount {
            for j in 0..<rbm.hiddenCount where !close(gradient.weights[i, j], expected.weights[i][j]) {
                XCTFail("weight gradient (\(i), \(j)): \(gradient.weights[i, j]) vs \(expected.weights[i][j])", file: file, line: line)
            }
        }
        for (actual, wanted) in zip(gradient.visibleBias, expected.visibleBias) where !close(actual, wanted) {
            XCTFail("visible bias gradient \(actual) vs \(wanted)", file: file, line: line)
        }
        for (actual, wanted) in zip(gradient.hiddenBias, expected.hiddenBias) where !close(actual, wanted) {
            XCTFail("hidden bias gradient \(actual) vs \(wanted)", file: file, line: line)
        }
        XCTAssertEqual(gradient.reconstructionError, expected.reconstructionError,
                       accuracy: 1e-4 * max(1, expected.reconstructionError), file: file, line: line)
        XCTAssertTrue(gradient.weights.values.contains { abs($0) > 1e-4 }, "a zero gradient proves nothing", file: file, line: line)
    }

    func testWordLayerMeanFieldForEveryTransform() {
        for transform in InputTransform.allCases {
            let rbm = machine(visible: 6, hidden: 4, visibleUnits: .softmax, hiddenUnits: .logistic, transform: transform)
            check(rbm, on: wordBatch(transform), steps: 1, sampled: false)
            check(rbm, on: wordBatch(transform), steps: 2, sampled: false)
        }
    }

    func testWordLayerWithSampledHiddenStates() {
        for transform in InputTransform.allCases {
            let rbm = machine(visible: 6, hidden: 4, visibleUnits: .softmax, hiddenUnits: .logistic, transform: transform)
            check(rbm, on: wordBatch(transform), steps: 1, sampled: true)
            check(rbm, on: wordBatch(transform), steps: 3, sampled: true)
        }
    }

    func testLogisticAndLinearHiddenLayers() {
        for hidden in [Activation.logistic, .linear] {
            let rbm = machine(visible: 6, hidden: 3, visibleUnits: .logistic, hiddenUnits: hidden)
            check(rbm, on: binaryBatch(), steps: 1, sampled: false)
            check(rbm, on: binaryBatch(), steps: 1, sampled: true)
            check(rbm, on: binaryBatch(), steps: 2, sampled: true)
        }
        let wordsToLinear = machine(visible: 6, hidden: 2, visibleUnits: .softmax, hiddenUnits: .linear, transform: .counts)
        check(wordsToLinear, on: wordBatch(.counts), steps: 1, sampled: true)
    }

    func testDrawnTokensAverageToTheMeanFieldReconstruction() {
        for transform in InputTransform.allCases where transform != .logCounts {
            let rbm = machine(visible: 6, hidden: 4, visibleUnits: .softmax, hiddenUnits: .logistic, transform: transform)
            let batch = wordBatch(transform)
            var random = RandomSource(seed: 5)
            let hidden = rbm.sampleHidden(rbm.hiddenMeans(batch.input, biasScales: batch.hiddenBiasScales), random: &random)
            let meanField = rbm.reconstruct(from: hidden, like: batch)
            let draws = 4000
            var total = Matrix(rows: batch.count, columns: 6)
            for _ in 0..<draws {
                let drawn = rbm.sampleTokens(from: hidden, like: batch, random: &random)
                XCTAssertEqual(drawn.error, meanField.error, accuracy: 1e-9 * max(1, meanField.error))
                let dense = drawn.values.dense()
                for row in 0..<batch.count {
                    // Every row keeps the mass of the mean field's, from exactly N tokens.
                    let mass = meanField.values.rowSums()[row], length = batch.lengths![row]
                    XCTAssertEqual(dense.rowSums()[row], mass, accuracy: 1e-4 * max(1, mass), "\(transform) row \(row)")
                    let tokens = drawn.values.entries(ofRow: row).reduce(Float(0)) { $0 + drawn.values.values[$1] } * length / mass
                    XCTAssertEqual(tokens, length, accuracy: 1e-3, "\(transform) row \(row)")
                }
                for index in total.values.indices { total.values[index] += dense.values[index] / Float(draws) }
            }
            for row in 0..<batch.count {
                let mass = meanField.values.rowSums()[row]
                for column in 0..<6 {
                    // Each word's share of N draws: its standard error is at most √(0.25 / (N · draws)) of the mass.
                    let tolerance = 5 * mass * (0.25 / (batch.lengths![row] * Float(draws))).squareRoot()
                    XCTAssertEqual(total[row, column], meanField.values[row, column], accuracy: tolerance,
                                   "\(transform) row \(row), word \(column)")
                }
            }
        }
    }

    func testDrawnTokensDoNotDependOnTheThreadCount() {
        // Enough documents and words for the rows to be drawn on several threads.
        let width = 2000
        var random = RandomSource(seed: 31)
        let documents = (0..<48).map { row -> BagOfWords in
            let terms = Set((0..<(20 + row)).map { _ in Int32(random.next() % UInt64(width)) }).sorted()
            return BagOfWords(termIDs: terms, counts: terms.map { _ in Float(1 + random.next() % 4) })
        }
        let batch = VisibleBatch(bags: documents, indices: documents.indices, vocabularySize: width,
                                 transform: .wordProbabilities, weighting: nil)
        var machineRandom = RandomSource(seed: 32)
        var rbm = RestrictedBoltzmannMachine(visible: width, hidden: 8, visibleUnits: .softmax, hiddenUnits: .logistic,
                                             inputTransform: .wordProbabilities, weightScale: 1, random: &machineRandom)
        // Parameters on a grid of 1/64 make the down pass exact (binary hidden states, eight terms), so the
        // product cannot differ with OpenBLAS's thread count and only the drawing is under test.
        for index in rbm.weights.values.indices { rbm.weights.values[index] = (rbm.weights.values[index] * 64).rounded() / 64 }
        for index in rbm.visibleBias.indices { rbm.visibleBias[index] = Float(index % 5) / 8 }
        let hidden = rbm.sampleHidden(rbm.hiddenMeans(batch.input, biasScales: batch.hiddenBiasScales), random: &random)
        let previous = BLASThreads.current
        defer { BLASThreads.set(previous) }
        var outcomes: [SparseRows] = []
        for threads in [1, 2, 3] {
            BLASThreads.set(threads)
            var drawing = RandomSource(seed: 33)
            outcomes.append(rbm.sampleTokens(from: hidden, like: batch, random: &drawing).values)
        }
        XCTAssertTrue(outcomes[1] == outcomes[0], "two threads draw what one draws")
        XCTAssertTrue(outcomes[2] == outcomes[0], "three threads draw what one draws")
        var other = RandomSource(seed: 34)
        XCTAssertTrue(rbm.sampleTokens(from: hidden, like: batch, random: &other).values != outcomes[0],
                      "another seed draws other tokens")
    }

    func testContrastiveDivergenceReadsTheDrawnTokensInItsNegativePhase() {
        for transform in [InputTransform.counts, .scaledLogTFIDF] {
            let rbm = machine(visible: 6, hidden: 4, visibleUnits: .softmax, hiddenUnits: .logistic, transform: transform)
            let batch = wordBatch(transform)
            var random = RandomSource(seed: 17), replay = RandomSource(seed: 17)
            let gradient = rbm.contrastiveDivergence(on: batch, sampleHiddenStates: false,
                                                     wordReconstruction: .sampledTokens, random: &random)
            let positive = rbm.hiddenMeans(batch.input, biasScales: batch.hiddenBiasScales)
            let drawn = rbm.sampleTokens(from: positive, like: batch, random: &replay).values.dense()
            let negative = rbm.hiddenMeans(.dense(drawn), biasScales: batch.hiddenBiasScales)
            let data = batch.values
            for i in 0..<6 {
                for j in 0..<4 {
                    var wanted = 0.0
                    for r in 0..<batch.count {
                        wanted += Double(data[r, i]) * Double(positive[r, j]) - Double(drawn[r, i]) * Double(negative[r, j])
                    }
                    wanted /= Double(batch.count)
                    XCTAssertEqual(Double(gradient.weights[i, j]), wanted, accuracy: 1e-4 * max(1, abs(wanted)),
                                   "\(transform) weight (\(i), \(j))")
                }
                let wanted = (0..<batch.count).reduce(0.0) { $0 + Double(data[$1, i] - drawn[$1, i]) } / Double(batch.count)
                XCTAssertEqual(Double(gradient.visibleBias[i]), wanted, accuracy: 1e-4 * max(1, abs(wanted)))
            }
            XCTAssertEqual(random.next(), replay.next(), "one seed for the drawing, nothing else")
            var meanFieldRandom = RandomSource(seed: 17)
            let meanField = rbm.contrastiveDivergence(on: batch, sampleHiddenStates: false, random: &meanFieldRandom)
            XCTAssertNotEqual(gradient.weights, meanField.weights, "the drawn tokens are not the mean field")
        }
    }

    func testDrawingTokensLeavesLayersAboveTheWordsAlone() {
        let rbm = machine(visible: 6, hidden: 3, visibleUnits: .logistic, hiddenUnits: .logistic)
        var random = RandomSource(seed: 4), replay = RandomSource(seed: 4)
        let drawn = rbm.contrastiveDivergence(on: binaryBatch(), wordReconstruction: .sampledTokens, random: &random)
        let meanField = rbm.contrastiveDivergence(on: binaryBatch(), random: &replay)
        XCTAssertEqual(drawn.weights, meanField.weights)
        XCTAssertEqual(drawn.visibleBias, meanField.visibleBias)
    }

    func testHandComputedUpdateOfOneByOneMachine() {
        // One visible and one hidden logistic unit, w = 0.5, biases 0, data v = 1, mean-field CD-1:
        // h0 = σ(0.5); v1 = σ(0.5·h0); h1 = σ(0.5·v1); ΔW = v·h0 − v1·h1; Δa = 1 − v1; Δb = h0 − h1.
        let rbm = RestrictedBoltzmannMachine(weights: Matrix(rows: 1, columns: 1, values: [0.5]), visibleBias: [0],
                                             hiddenBias: [0], visibleUnits: .logistic, hiddenUnits: .logistic)
        var random = RandomSource(seed: 1)
        let gradient = rbm.contrastiveDivergence(on: VisibleBatch(values: Matrix(rows: 1, columns: 1, values: [1])),
                                                 sampleHiddenStates: false, random: &random)
        let h0 = 0.6224593312, v1 = 0.5771853801, h1 = 0.5716515653  // σ(0.5), σ(0.5 h0), σ(0.5 v1)
        XCTAssertEqual(Double(gradient.weights[0, 0]), h0 - v1 * h1, accuracy: 1e-6)
        XCTAssertEqual(Double(gradient.visibleBias[0]), 1 - v1, accuracy: 1e-6)
        XCTAssertEqual(Double(gradient.hiddenBias[0]), h0 - h1, accuracy: 1e-6)
        XCTAssertEqual(gradient.reconstructionError, (1 - v1) * (1 - v1), accuracy: 1e-6)
    }
}
