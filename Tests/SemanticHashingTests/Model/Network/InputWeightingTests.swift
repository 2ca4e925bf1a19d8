@testable import SemanticHashing
import XCTest

/// The scaled log-TF-IDF input and word dropout against hand computations.
final class InputWeightingTests: XCTestCase {
    private let bags = [
        BagOfWords(termIDs: [0, 2], counts: [3, 1]),
        BagOfWords(termIDs: [2], counts: [2]),
        BagOfWords(termIDs: [1, 2], counts: [1, 5]),
    ]

    func testIdfIsTheSmoothedLogRatio() {
        let weighting = InputWeighting(fittedTo: bags, vocabularySize: 4, scale: 40)
        // N = 3; df = [1, 1, 3, 0]: idf = ln(4 / (1 + df)) + 1.
        let expected = [log(4.0 / 2) + 1, log(4.0 / 2) + 1, log(4.0 / 4) + 1, log(4.0 / 1) + 1]
        for (actual, wanted) in zip(weighting.inverseDocumentFrequencies, expected) {
            XCTAssertEqual(Double(actual), wanted, accuracy: 1e-6)
        }
    }

    func testBatchRowsAreScaledUnitLogTFIDFVectors() {
        let weighting = InputWeighting(inverseDocumentFrequencies: [2, 1, 0.5, 3], scale: 40)
        let batch = VisibleBatch(bags: bags + [BagOfWords()], indices: 0..<4, vocabularySize: 4,
                                 transform: .scaledLogTFIDF, weighting: weighting)
        // Document 0: v = (ln 4 · 2, 0, ln 2 · 0.5, 0); x = 40 v / ‖v‖.
        let v = [log(4.0) * 2, 0, log(2.0) * 0.5, 0]
        let norm = v.map { $0 * $0 }.reduce(0, +).squareRoot()
        for column in 0..<4 {
            XCTAssertEqual(Double(batch.values[0, column]), 40 * v[column] / norm, accuracy: 1e-4)
        }
        XCTAssertEqual(batch.values.row(1), [0, 0, 40, 0], "one word: the whole length on it")
        XCTAssertEqual(batch.values.row(3), [0, 0, 0, 0], "an empty bag stays zero")
        XCTAssertEqual(batch.wordDistribution!.row(2), [0, 1.0 / 6, 5.0 / 6, 0], "the target is count / N")
        XCTAssertNil(batch.hiddenBiasScales)
    }

    func testDropoutThinsCountsAtTheExpectedRate() {
        let dropout = WordDropout(probability: 0.3)
        var random = RandomSource(seed: 9)
        let bag = BagOfWords(termIDs: Array(0..<100), counts: [Float](repeating: 100, count: 100))
        let thinned = dropout.thin(bag, random: &random)
        XCTAssertTrue(zip(thinned.termIDs, thinned.counts).allSatisfy { $1 >= 1 && $1 <= 100 && $0 < 100 })
        // 10,000 occurrences kept with probability 0.7: standard deviation of the kept fraction 0.0046.
        XCTAssertEqual(Double(thinned.length) / 10_000, 0.7, accuracy: 0.02)
        var replay = RandomSource(seed: 9)
        XCTAssertEqual(dropout.thin(bag, random: &replay), thinned, "seeded thinning is reproducible")
    }

    func testTrainingBatchThinsTheInputButKeepsTheTarget() {
        var random = RandomSource(seed: 3)
        let bag = BagOfWords(termIDs: [0, 1, 2, 3], counts: [20, 30, 10, 40])
        let weighting = InputWeighting(inverseDocumentFrequencies: [1, 2, 1, 2], scale: 40)
        let layers = [DenseLayer(weights: Matrix(rows: 4, columns: 2), bias: [0, 0], activation: .linear),
                      DenseLayer(weights: Matrix(rows: 2, columns: 4), bias: [0, 0, 0, 0], activation: .softmax)]
        let network = Autoencoder(layers: layers, encoderDepth: 1, inputTransform: .scaledLogTFIDF, inputWeighting: weighting)
        let dropout = WordDropout(probability: 0.3)
        let batch = FineTuningRun.trainingBatch(bags: [bag], indices: [0], network: network, dropout: dropout, random: &random)
        let whole = VisibleBatch(bags: [bag], indices: [0], vocabularySize: 4, transform: .scaledLogTFIDF, weighting: weighting)
        XCTAssertEqual(batch.wordDistribution, whole.wordDistribution)
        XCTAssertNotEqual(batch.values, whole.values)
        var replay = RandomSource(seed: 3)
        let thinned = dropout.thin(bag, random: &replay)
        XCTAssertLessThan(thinned.length, bag.length)
        let expected = VisibleBatch(bags: [thinned], indices: [0], vocabularySize: 4, transform: .scaledLogTFIDF,
                                    weighting: weighting)
        XCTAssertEqual(batch.values, expected.values)
    }

    func testRampedCodeNoiseGrowsOverTheFirstHalf() {
        let schedule = CodeNoiseSchedule.rampedFresh
        XCTAssertEqual(schedule.standardDeviation(noise: 4, step: 0, of: 100), 0)
        XCTAssertEqual(schedule.standardDeviation(noise: 4, step: 25, of: 100), 2)
        XCTAssertEqual(schedule.standardDeviation(noise: 4, step: 80, of: 100), 4)
        XCTAssertEqual(CodeNoiseSchedule.fixedPerDocument.standardDeviation(noise: 4, step: 0, of: 100), 4)
    }
}
