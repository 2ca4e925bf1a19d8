import CVectorMath
import Foundation
import XCTest

/// `semhash_exponentiate` (libmvec's eight-lane `expf` behind the softmax and logistic units) against the
/// exponential in double precision, and independent of where an element sits in the array.
final class ExponentialsTests: XCTestCase {
    func testExponentialsAreWithinFourUlpsOverTheWholeRange() {
        var inputs: [Float] = []
        var x: Float = -103
        while x < 88.7 {
            inputs.append(x)
            x += 0.0137
        }
        var outputs = inputs
        outputs.withUnsafeMutableBufferPointer { semhash_exponentiate($0.baseAddress, Int64($0.count)) }
        var worst = 0.0
        for (input, output) in zip(inputs, outputs) {
            let exact = exp(Double(input))
            if exact < Double(Float.leastNormalMagnitude) {
                XCTAssertLessThanOrEqual(Double(output), Double(Float.leastNormalMagnitude), "exp(\(input))")
                continue
            }
            worst = max(worst, abs(Double(output) - exact) / (exact * Double(Float.ulpOfOne)))
        }
        XCTAssertLessThanOrEqual(worst, 4, "error in units in the last place")
    }

    func testTailsAndNaN() {
        var values: [Float] = [-.infinity, -1000, 0, 1000, .infinity, .nan, 1, -1, 2]
        values.withUnsafeMutableBufferPointer { semhash_exponentiate($0.baseAddress, Int64($0.count)) }
        XCTAssertEqual(Array(values[0..<5]), [0, 0, 1, .infinity, .infinity])
        XCTAssertTrue(values[5].isNaN)
        XCTAssertEqual(values[6], Float(M_E), accuracy: 4 * Float(M_E).ulp)
    }

    func testAnElementsResultDoesNotDependOnItsPosition() {
        let row: [Float] = (0..<21).map { Float($0) * 0.731 - 7.3 }
        var whole = row
        whole.withUnsafeMutableBufferPointer { semhash_exponentiate($0.baseAddress, Int64($0.count)) }
        for start in 0..<row.count {
            var one = [row[start]]
            one.withUnsafeMutableBufferPointer { semhash_exponentiate($0.baseAddress, 1) }
            XCTAssertEqual(one[0], whole[start], "element \(start)")
        }
        var empty: [Float] = []
        empty.withUnsafeMutableBufferPointer { semhash_exponentiate($0.baseAddress, 0) }
    }
}
