import Foundation
import SemanticHashing
import TestSupport
import XCTest

final class MatrixElementwiseTests: XCTestCase {
    private var generator = SeededGenerator(seed: 5)

    func testBroadcastsScalesAndSums() {
        let m = randomMatrix(rows: 4, columns: 3, generator: &generator)
        let other = randomMatrix(rows: 4, columns: 3, generator: &generator)
        let bias: [Float] = [1, -2, 0.5]
        let scales: [Float] = [0, 1, 2, 3]
        let broadcast = Matrix(rows: 4, eachRow: bias)
        let scaledBias = Matrix(rows: 4, eachRow: bias, scaledBy: scales)
        var scaled = m; scaled.scale(by: -1.5)
        var axpy = m; axpy.add(other, scaledBy: 0.25)
        for r in 0..<4 {
            for c in 0..<3 {
                XCTAssertEqual(broadcast[r, c], bias[c])
                XCTAssertEqual(scaledBias[r, c], scales[r] * bias[c])
                XCTAssertEqual(scaled[r, c], -1.5 * m[r, c], accuracy: 1e-6)
                XCTAssertEqual(axpy[r, c], m[r, c] + 0.25 * other[r, c], accuracy: 1e-6)
            }
        }
        let sums = m.columnSums(), weighted = m.columnSums(rowWeights: scales)
        for c in 0..<3 {
            XCTAssertEqual(sums[c], (0..<4).reduce(0) { $0 + m[$1, c] }, accuracy: 1e-5)
            XCTAssertEqual(weighted[c], (0..<4).reduce(0) { $0 + scales[$1] * m[$1, c] }, accuracy: 1e-5)
        }
        let distance = zip(m.values, other.values).reduce(0.0) { $0 + Double(($1.0 - $1.1) * ($1.0 - $1.1)) }
        XCTAssertEqual(m.squaredDistance(to: other), distance, accuracy: 1e-5)
    }

    func testFinitenessDetection() {
        var m = Matrix(rows: 2, columns: 2, values: [1, -3, 0, 1e30])
        XCTAssertTrue(m.isFinite)
        m[1, 0] = .nan
        XCTAssertFalse(m.isFinite)
        m[1, 0] = -.infinity
        XCTAssertFalse(m.isFinite)
        XCTAssertFalse([Float(1), .infinity].allFinite)
    }

    func testSigmoidSoftmaxAndCrossEntropyAgainstDoubleFormulas() {
        var logits = randomMatrix(rows: 3, columns: 5, generator: &generator)
        logits.scale(by: 8)
        logits[2, 0] = 1000  // extreme logits must not overflow
        logits[2, 1] = -1000
        var sigmoid = logits; sigmoid.applySigmoid()
        var target = Matrix(rows: 3, columns: 5, values: [0.5, 0.5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0])
        target[1, 4] = 1
        var softmax = logits
        let crossEntropy = softmax.applyRowSoftmax(crossEntropyWith: target)
        var plainSoftmax = logits; plainSoftmax.applyRowSoftmax()
        XCTAssertEqual(plainSoftmax, softmax)
        var scaledSoftmax = logits
        let scaledCrossEntropy = scaledSoftmax.applyRowSoftmax(crossEntropyWith: target, scalingRowsBy: [2, 0.5, 40])
        XCTAssertEqual(scaledCrossEntropy, crossEntropy, "the scales come after the loss")
        for (r, scale) in [Float(2), 0.5, 40].enumerated() {
            for c in 0..<5 { XCTAssertEqual(scaledSoftmax[r, c], softmax[r, c] * scale) }
        }
        var expectedLoss = 0.0
        for r in 0..<3 {
            let row = (0..<5).map { Double(logits[r, $0]) }
            let largest = row.max()!
            let logNormaliser = largest + log(row.map { exp($0 - largest) }.reduce(0, +))
            for c in 0..<5 {
                XCTAssertEqual(Double(sigmoid[r, c]), 1 / (1 + exp(-row[c])), accuracy: 1e-6)
                XCTAssertEqual(Double(softmax[r, c]), exp(row[c] - logNormaliser), accuracy: 1e-6)
                expectedLoss -= Double(target[r, c]) * (row[c] - logNormaliser)
            }
        }
        XCTAssertTrue(crossEntropy.isFinite)
        XCTAssertEqual(crossEntropy, expectedLoss, accuracy: 1e-3 * max(1, abs(expectedLoss)))
        target = Matrix(rows: 3, columns: 5)  // zero targets contribute nothing
        var again = logits
        XCTAssertEqual(again.applyRowSoftmax(crossEntropyWith: target), 0)
    }

    func testSoftmaxCrossEntropyGradientIsScaledSoftmaxMinusTarget() {
        var logits = randomMatrix(rows: 3, columns: 6, generator: &generator)
        logits.scale(by: 5)
        let target = Matrix(rows: 3, columns: 6, values: [0.5, 0, 0.5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.1, 0.2, 0.3, 0.4, 0, 0])
        var softmax = logits
        let loss = softmax.applyRowSoftmax(crossEntropyWith: target)
        var gradient = logits
        XCTAssertEqual(gradient.replaceBySoftmaxCrossEntropyGradient(target: target, scale: 0.25), loss)
        for index in gradient.values.indices {
            XCTAssertEqual(gradient.values[index], (softmax.values[index] - target.values[index]) * 0.25)
        }
    }

    func testSoftmaxDoesNotDependOnTheThreadCount() {
        // Wide enough for the rows to be split over threads.
        var logits = randomMatrix(rows: 40, columns: 3000, generator: &generator)
        logits.scale(by: 20)
        var target = Matrix(rows: 40, columns: 3000)
        for row in 0..<40 { target[row, (row * 71) % 3000] = 1 }
        let previous = BLASThreads.current
        defer { BLASThreads.set(previous) }
        var outcomes: [(Matrix, Double, Matrix, Double)] = []
        for threads in [1, 2, 3] {
            BLASThreads.set(threads)
            var softmax = logits, gradient = logits
            let loss = softmax.applyRowSoftmax(crossEntropyWith: target, scalingRowsBy: (0..<40).map { Float($0) })
            let gradientLoss = gradient.replaceBySoftmaxCrossEntropyGradient(target: target, scale: 0.5)
            outcomes.append((softmax, loss, gradient, gradientLoss))
        }
        for outcome in outcomes.dropFirst() {
            XCTAssertEqual(outcome.0, outcomes[0].0)
            XCTAssertEqual(outcome.1, outcomes[0].1)
            XCTAssertEqual(outcome.2, outcomes[0].2)
            XCTAssertEqual(outcome.3, outcomes[0].3)
        }
        XCTAssertGreaterThan(outcomes[0].1, 0)
    }

    func testSigmoidDerivative() {
        let activations = Matrix(rows: 1, columns: 3, values: [0.1, 0.5, 0.9])
        var delta = Matrix(rows: 1, columns: 3, values: [2, 2, -1])
        delta.multiplyBySigmoidDerivative(of: activations)
        XCTAssertEqual(delta.values[0], 2 * 0.09, accuracy: 1e-6)
        XCTAssertEqual(delta.values[1], 0.5, accuracy: 1e-6)
        XCTAssertEqual(delta.values[2], -0.09, accuracy: 1e-6)
    }

    func testGatherAndSetRows() {
        let m = Matrix(rows: 3, columns: 2, values: [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(m.gatherRows([2, 0, 2]).values, [5, 6, 1, 2, 5, 6])
        var target = Matrix(rows: 4, columns: 2)
        target.setRows(startingAt: 1, to: m.gatherRows([1, 0]))
        XCTAssertEqual(target.values, [0, 0, 3, 4, 1, 2, 0, 0])
    }

    func testBranchFreeSquareRootMatchesSquareRoot() {
        XCTAssertEqual(Float(0).branchFreeSquareRoot, 0)
        var x: Float = 1e-30
        var worst = 0.0
        while x < 1e30 {
            let exact = Double(x).squareRoot()
            worst = max(worst, abs(Double(x.branchFreeSquareRoot) - exact) / exact)
            x *= 1.003
        }
        XCTAssertLessThan(worst, 2e-7)
        XCTAssertEqual(Float(2).branchFreeSquareRoot, Float(2).squareRoot(), accuracy: 2e-7)
    }
}
