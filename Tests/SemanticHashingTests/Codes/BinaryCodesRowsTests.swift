import SemanticHashing
import TestSupport
import XCTest

final class BinaryCodesRowsTests: XCTestCase {
    func testDistanceMatchesBitwiseCount() {
        var generator = SeededGenerator(seed: 5)
        for bits in [1, 10, 63, 64, 65, 128, 200] {
            let codes = randomBinaryCodes(count: 20, bitCount: bits, generator: &generator)
            let query = randomCode(bitCount: bits, generator: &generator)
            for index in 0..<codes.count {
                XCTAssertEqual(codes.distance(index, to: query), bitwiseHammingDistance(codes, index, query))
            }
        }
    }

    func testQueryValidityChecksLengthAndPadding() {
        let codes = BinaryCodes(bitCount: 70)
        XCTAssertTrue(codes.isValidQuery([~0, 0x3F]))
        XCTAssertFalse(codes.isValidQuery([~0, 0x40]))
        XCTAssertFalse(codes.isValidQuery([0]))
        XCTAssertTrue(BinaryCodes(bitCount: 64).isValidQuery([~0]))
    }

    func testFilterAndAppendKeepOrder() {
        var generator = SeededGenerator(seed: 9)
        let codes = randomBinaryCodes(count: 10, bitCount: 80, generator: &generator)
        let odd = codes.filter { $0 % 2 == 1 }
        XCTAssertEqual(odd.count, 5)
        for index in 0..<5 { XCTAssertEqual(odd.code(index), codes.code(2 * index + 1)) }
        var joined = codes.filter { $0 < 4 }
        joined.append(contentsOf: codes.filter { $0 >= 4 })
        XCTAssertEqual(joined, codes)
    }
}
