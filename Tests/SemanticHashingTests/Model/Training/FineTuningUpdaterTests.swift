@testable import SemanticHashing
import XCTest

/// One optimizer step on a one-weight layer against the update rules written out by hand.
final class FineTuningUpdaterTests: XCTestCase {
    private func layer() -> [DenseLayer] {
        [DenseLayer(weights: Matrix(rows: 1, columns: 1, values: [2]), bias: [1], activation: .linear)]
    }

    private let gradient = [DenseLayerGradient(weights: Matrix(rows: 1, columns: 1, values: [0.5]), bias: [-1])]

    func testMomentumSteps() {
        var settings = FineTuningSettings(optimizer: .momentum)
        settings.weightCost = 0.1
        var updater = FineTuningUpdater(layers: layer(), settings: settings)
        var layers = layer()
        updater.apply(gradient, to: &layers, learningRate: 0.1, momentum: 0.9)
        // v = −0.1·(0.5 + 0.1·2) = −0.07; bias v = −0.1·(−1) = 0.1.
        XCTAssertEqual(layers[0].weights[0, 0], 1.93, accuracy: 1e-6)
        XCTAssertEqual(layers[0].bias[0], 1.1, accuracy: 1e-6)
        updater.apply(gradient, to: &layers, learningRate: 0.1, momentum: 0.9)
        // v = 0.9·(−0.07) − 0.1·(0.5 + 0.1·1.93) = −0.1323.
        XCTAssertEqual(layers[0].weights[0, 0], 1.93 - 0.1323, accuracy: 1e-6)
        XCTAssertEqual(layers[0].bias[0], 1.1 + 0.19, accuracy: 1e-6)
    }

    func testAdamSteps() {
        var settings = FineTuningSettings(optimizer: .adam)
        settings.weightCost = 0
        var updater = FineTuningUpdater(layers: layer(), settings: settings)
        var layers = layer()
        updater.apply(gradient, to: &layers, learningRate: 0.01, momentum: 0)
        // The first bias-corrected Adam step is lr·g/|g| (up to ε).
        XCTAssertEqual(layers[0].weights[0, 0], 2 - 0.01, accuracy: 1e-6)
        XCTAssertEqual(layers[0].bias[0], 1 + 0.01, accuracy: 1e-6)
        let second = [DenseLayerGradient(weights: Matrix(rows: 1, columns: 1, values: [1.5]), bias: [0])]
        updater.apply(second, to: &layers, learningRate: 0.01, momentum: 0)
        let m = 0.9 * 0.1 * 0.5 + 0.1 * 1.5, s = 0.999 * 0.001 * 0.25 + 0.001 * 2.25
        let step = 0.01 * (m / (1 - 0.81)) / ((s / (1 - 0.998001)).squareRoot() + 1e-8)
        XCTAssertEqual(Double(layers[0].weights[0, 0]), 1.99 - step, accuracy: 1e-6)
    }

    func testSchedules() {
        let momentum = MomentumSchedule()
        XCTAssertEqual((1...7).map { momentum.momentum(epoch: $0) }, [0.5, 0.5, 0.5, 0.5, 0.5, 0.9, 0.9])
        XCTAssertEqual(LearningRateSchedule.constant.factor(epoch: 9, of: 10), 1)
        XCTAssertEqual(LearningRateSchedule.exponential(factor: 0.5).factor(epoch: 3, of: 10), 0.25, accuracy: 1e-7)
        XCTAssertEqual(LearningRateSchedule.cosine.factor(epoch: 1, of: 4), 1, accuracy: 1e-7)
        XCTAssertEqual(LearningRateSchedule.cosine.factor(epoch: 3, of: 4), 0.5, accuracy: 1e-6)
    }

    func testReportText() {
        XCTAssertEqual(ReportText.decimal(3.14159, digits: 2), "3.14")
        XCTAssertEqual(ReportText.decimal(-0.05, digits: 1), "-0.1")
        XCTAssertEqual(ReportText.decimal(2.0, digits: 3), "2.000")
        XCTAssertEqual(ReportText.decimal(12.5, digits: 0), "13")
        XCTAssertEqual(ReportText.clock(75), "1:15")
        XCTAssertEqual(ReportText.clock(.infinity), "?")
    }
}
