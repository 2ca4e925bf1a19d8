import SemanticHashing
import TestSupport
import XCTest

final class CodeSubstringTests: XCTestCase {
    func testPartitionCoversTheCodeWithNearlyEqualParts() {
        for (bits, count) in [(64, 3), (128, 5), (10, 10), (65, 2), (20, 1)] {
            let parts = CodeSubstring.partition(bitCount: bits, into: count)
            XCTAssertEqual(parts.count, count)
            XCTAssertEqual(parts.first?.start, 0)
            for (a, b) in zip(parts, parts.dropFirst()) {
                XCTAssertEqual(a.start + a.length, b.start)
                XCTAssertTrue(a.length == b.length || a.length == b.length + 1)
            }
            XCTAssertEqual(parts.map(\.length).reduce(0, +), bits)
        }
    }

    func testValueReadsTheBitsAcrossWordBoundaries() {
        var generator = SeededGenerator(seed: 3)
        for bits in [64, 100, 128, 190] {
            let code = randomCode(bitCount: bits, generator: &generator)
            let codes = BinaryCodes(bitCount: bits, words: code)
            for count in [1, 2, 3, 7].filter({ (bits + $0 - 1) / $0 <= 64 }) {
                for part in CodeSubstring.partition(bitCount: bits, into: count) {
                    var expected: UInt64 = 0
                    for bit in 0..<part.length where codes.bit(part.start + bit, of: 0) {
                        expected |= 1 << UInt64(bit)
                    }
                    XCTAssertEqual(part.value(in: code), expected, "bits \(bits), part \(part)")
                }
            }
        }
    }
}
