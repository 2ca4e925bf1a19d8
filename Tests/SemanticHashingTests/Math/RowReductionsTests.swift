import Foundation
@testable import SemanticHashing
import TestSupport
import XCTest

/// The lane-parallel row reductions behind the softmax against plain loops and double-precision sums, at widths
/// that exercise the vector body, its tail and both together.
final class RowReductionsTests: XCTestCase {
    private var generator = SeededGenerator(seed: 17)
    private let widths = [1, 2, 15, 16, 31, 32, 33, 47, 64, 100, 5000, 5003]

    func testLargestIsThePlainLoopsLargest() {
        for width in widths {
            let row = (0..<width).map { _ in Float.random(in: -50...50, using: &generator) }
            var expected = row[0]
            for value in row.dropFirst() where value > expected { expected = value }
            XCTAssertEqual(row.withUnsafeBufferPointer { RowReductions.largest($0.baseAddress!, count: width) },
                           expected, "width \(width)")
        }
    }

    func testLargestSkipsNaNsAsThePlainLoopDoes() {
        var row = (0..<100).map { Float($0 % 37) }
        row[70] = .nan
        row[90] = 1000
        XCTAssertEqual(row.withUnsafeBufferPointer { RowReductions.largest($0.baseAddress!, count: 100) }, 1000)
        row[0] = .nan
        XCTAssertTrue(row.withUnsafeBufferPointer { RowReductions.largest($0.baseAddress!, count: 100) }.isNaN,
                      "a NaN first element is kept, as by the loop, so that divergence still shows")
    }

    func testSumsAreWithinFloatRoundingOfTheExactSums() {
        for width in widths {
            let row = (0..<width).map { _ in Float.random(in: 0...1, using: &generator) }
            let weights = (0..<width).map { _ in Float.random(in: 0...1, using: &generator) }
            let exactSum = row.reduce(0.0) { $0 + Double($1) }
            let exactWeighted = zip(row, weights).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
            let exactMass = weights.reduce(0.0) { $0 + Double($1) }
            let sum = row.withUnsafeBufferPointer { RowReductions.sum($0.baseAddress!, count: width) }
            let (weighted, mass) = row.withUnsafeBufferPointer { r in
                weights.withUnsafeBufferPointer { RowReductions.weightedSum(r.baseAddress!, weights: $0.baseAddress!, count: width) }
            }
            // Every term is nonnegative, so the relative error of any summation order is at most about n·ε;
            // the lanes keep it far smaller.
            let bound = Double(width) / 32 * 4 * Double(Float.ulpOfOne) + 2 * Double(Float.ulpOfOne)
            XCTAssertEqual(Double(sum), exactSum, accuracy: bound * exactSum, "width \(width)")
            XCTAssertEqual(Double(weighted), exactWeighted, accuracy: bound * exactWeighted, "width \(width)")
            XCTAssertEqual(Double(mass), exactMass, accuracy: bound * exactMass, "width \(width)")
        }
    }

    func testAResultDependsOnlyOnTheRowNotOnItsAddress() {
        let row = (0..<300).map { _ in Float.random(in: -1...1, using: &generator) }
        let padded = [Float(9)] + row
        let fromAligned = row.withUnsafeBufferPointer { RowReductions.sum($0.baseAddress!, count: 300) }
        let fromShifted = padded.withUnsafeBufferPointer { RowReductions.sum($0.baseAddress! + 1, count: 300) }
        XCTAssertEqual(fromAligned.bitPattern, fromShifted.bitPattern)
    }

    func testWideSoftmaxRowsAndTheirCrossEntropyAgainstDoubleFormulas() {
        let width = 5003
        var logits = Matrix(rows: 2, columns: width,
                            values: (0..<(2 * width)).map { _ in Float.random(in: -12...12, using: &generator) })
        let original = logits
        var target = Matrix(rows: 2, columns: width)
        for column in stride(from: 3, to: width, by: 97) { target[0, column] = 1 / 52 }
        target[1, width - 1] = 1
        let crossEntropy = logits.applyRowSoftmax(crossEntropyWith: target)
        var expectedLoss = 0.0
        for r in 0..<2 {
            let row = (0..<width).map { Double(original[r, $0]) }
            let largest = row.max()!
            let logNormaliser = largest + log(row.map { exp($0 - largest) }.reduce(0, +))
            var total = 0.0
            for c in 0..<width {
                let expected = exp(row[c] - logNormaliser)
                XCTAssertEqual(Double(logits[r, c]), expected, accuracy: 1e-5 * expected + 1e-30)
                total += Double(logits[r, c])
                expectedLoss -= Double(target[r, c]) * (row[c] - logNormaliser)
            }
            XCTAssertEqual(total, 1, accuracy: 1e-5)
        }
        XCTAssertEqual(crossEntropy, expectedLoss, accuracy: 1e-5 * abs(expectedLoss))
    }
}
