import SemanticHashing
@testable import SemanticHashingPostgres
import TestSupport
import XCTest

/// Hashes between the SQLite blob (little-endian 64-bit words) and PostgreSQL's `bigint[]`, where bit b is
/// bit b % 64 of word b / 64 (1-based in SQL), a word read as a two's-complement integer.
final class HashWordsTests: XCTestCase {
    /// The blob of a `bitCount`-bit hash with only bit `bit` set, written byte by byte.
    private func blob(bitCount: Int, setting bit: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: (bitCount + 63) / 64 * 8)
        bytes[bit / 8] = 1 << UInt8(bit % 8)
        return bytes
    }

    func testEachBitLandsInItsWordAtItsPlaceAcrossWordBoundaries() throws {
        let positions = [0, 1, 7, 8, 62, 63, 64, 65, 126, 127, 128, 129, 191, 192, 254, 255]
        for bitCount in [1, 2, 63, 64, 65, 127, 128, 129, 255, 256] {
            for bit in positions where bit < bitCount {
                let bytes = blob(bitCount: bitCount, setting: bit)
                // Bit 63 of a word is its sign: the word is Int64.min.
                var expected = [Int64](repeating: 0, count: (bitCount + 63) / 64)
                expected[bit / 64] = bit % 64 == 63 ? Int64.min : Int64(1) << Int64(bit % 64)
                XCTAssertEqual(HashWords.bigints(fromBlob: bytes), expected, "bit \(bit) of \(bitCount)")
                XCTAssertEqual(HashWords.blob(fromBigints: expected), bytes, "bit \(bit) of \(bitCount)")
            }
        }
    }

    func testNoBitsIsNoWords() {
        XCTAssertEqual(HashWords.bigints(fromBlob: []), [])
        XCTAssertEqual(HashWords.blob(fromBigints: []), [])
    }

    func testBit63IsTheSignOfTheWord() {
        let cases: [(blob: [UInt8], words: [Int64])] = [
            ([0, 0, 0, 0, 0, 0, 0, 0x80], [Int64.min]),
            ([1, 0, 0, 0, 0, 0, 0, 0x80], [Int64.min + 1]),
            ([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], [-1]),
            ([0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], [-2]),
            ([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F], [Int64.max]),
            ([0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08], [0x0807_0605_0403_0201]),
            ([0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x88], [-0x77F8_F9FA_FBFC_FDFF]),
            ([0, 0, 0, 0, 0, 0, 0, 0x80] + [0xFF, 0, 0, 0, 0, 0, 0, 0], [Int64.min, 255]),
        ]
        for (blob, words) in cases {
            XCTAssertEqual(HashWords.bigints(fromBlob: blob), words, "\(blob)")
            XCTAssertEqual(HashWords.blob(fromBigints: words), blob, "\(words)")
        }
    }

    func testABlobOfPartWordsHasNoBigints() {
        for count in [1, 2, 3, 4, 5, 6, 7, 9, 15, 17, 33] {
            XCTAssertNil(HashWords.bigints(fromBlob: [UInt8](repeating: 0xAB, count: count)), "\(count) bytes")
        }
    }

    func testTheBigintsAreTheCoresHashWordsReadAsSignedIntegers() throws {
        // The core's own writing of a hash (BinaryCodes, then the stored row's blob), bit by bit.
        var generator = SeededGenerator(seed: 64)
        for bitCount in [1, 63, 64, 65, 127, 128, 255, 256] {
            for _ in 0..<20 {
                let bits = (0..<bitCount).map { _ in Bool.random(using: &generator) }
                var codes = BinaryCodes(bitCount: bitCount)
                codes.append(bits: bits)
                let row = StoredCodeRow(documentID: 1, code: [Float](), hashWords: codes.code(0))
                let words = try XCTUnwrap(HashWords.bigints(fromBlob: row.hash))
                XCTAssertEqual(words.count, (bitCount + 63) / 64)
                XCTAssertEqual(words, codes.code(0).map { Int64(bitPattern: $0) })
                for (bit, isSet) in bits.enumerated() {
                    let word = words[bit / 64]
                    let read = bit % 64 == 63 ? word < 0 : (word >> Int64(bit % 64)) & 1 == 1
                    XCTAssertEqual(read, isSet, "bit \(bit) of \(bitCount)")
                }
                XCTAssertEqual(HashWords.blob(fromBigints: words), row.hash)
            }
        }
    }

    func testWordsAndBlobsRoundTrip() throws {
        var generator = SeededGenerator(seed: 7)
        for count in 0...4 {
            for _ in 0..<50 {
                let words = (0..<count).map { _ in Int64(bitPattern: generator.next()) }
                let blob = HashWords.blob(fromBigints: words)
                XCTAssertEqual(blob.count, 8 * count)
                XCTAssertEqual(HashWords.bigints(fromBlob: blob), words)
                let bytes = (0..<(8 * count)).map { _ in UInt8.random(in: 0...255, using: &generator) }
                XCTAssertEqual(HashWords.bigints(fromBlob: bytes).map(HashWords.blob(fromBigints:)), bytes)
            }
        }
        let extremes: [Int64] = [0, 1, -1, Int64.min, Int64.max, Int64.min + 1, Int64.max - 1]
        XCTAssertEqual(HashWords.bigints(fromBlob: HashWords.blob(fromBigints: extremes)), extremes)
    }
}
