import SemanticHashing
import XCTest

final class BitMasksOfWeightTests: XCTestCase {
    func testEnumeratesEveryMaskOfTheWeightOnceInOrder() {
        for width in [1, 2, 5, 12, 16] {
            for weight in 0...min(width, 4) {
                let masks = Array(BitMasksOfWeight(width: width, weight: weight))
                let expected = (0..<(UInt64(1) << UInt64(width))).filter { $0.nonzeroBitCount == weight }
                XCTAssertEqual(masks, expected, "width \(width), weight \(weight)")
                XCTAssertEqual(BitMasksOfWeight(width: width, weight: weight).count, expected.count)
            }
        }
    }

    func testWideMasksStayWithinWidth() {
        for width in [63, 64] {
            let masks = Array(BitMasksOfWeight(width: width, weight: 2))
            XCTAssertEqual(masks.count, width * (width - 1) / 2)
            XCTAssertEqual(Set(masks).count, masks.count)
            XCTAssertTrue(masks.allSatisfy { $0.nonzeroBitCount == 2 && (width == 64 || $0 >> UInt64(width) == 0) })
        }
        XCTAssertEqual(Array(BitMasksOfWeight(width: 64, weight: 64)), [~UInt64(0)])
        XCTAssertEqual(Array(BitMasksOfWeight(width: 64, weight: 63)).count, 64)
        XCTAssertTrue(Array(BitMasksOfWeight(width: 3, weight: 4)).isEmpty)
    }

    func testBinomialAndBallVolume() {
        XCTAssertEqual(BitMasksOfWeight.binomial(32, 3), 4960)
        XCTAssertEqual(BitMasksOfWeight.binomial(5, 6), 0)
        XCTAssertEqual(BitMasksOfWeight.ballVolume(width: 32, radius: 3), 1 + 32 + 496 + 4960)
        XCTAssertEqual(BitMasksOfWeight.ballVolume(width: 10, radius: 20), 1024)
        XCTAssertEqual(BitMasksOfWeight.ballVolume(width: 64, radius: 64), Int.max)
    }
}
