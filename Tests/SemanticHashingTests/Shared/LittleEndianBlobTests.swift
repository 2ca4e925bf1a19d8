@testable import SemanticHashing
import TestSupport
import XCTest

/// Checks the blob codecs against byte-by-byte little-endian references.
final class LittleEndianBlobTests: XCTestCase {
    private func referenceBytes(_ value: UInt64, count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: value >> UInt64(8 * $0)) }
    }

    func testFloatsAreLittleEndianFloat32() {
        var generator = SeededGenerator(seed: 3)
        let values = (0..<37).map { _ in Float.random(in: -1e6...1e6, using: &generator) } + [0, -0, .infinity, .nan]
        let expected = values.flatMap { referenceBytes(UInt64($0.bitPattern), count: 4) }
        let bytes = LittleEndianBlob.bytes(of: values)
        XCTAssertEqual(bytes, expected)
        let decoded = bytes.withUnsafeBytes { LittleEndianBlob.floats(from: $0) }
        XCTAssertEqual(decoded?.map(\.bitPattern), values.map(\.bitPattern))
        XCTAssertNil([UInt8](repeating: 0, count: 7).withUnsafeBytes { LittleEndianBlob.floats(from: $0) })
    }

    func testWordsAreLittleEndianUInt64() {
        var generator = SeededGenerator(seed: 4)
        let words = (0..<9).map { _ in generator.next() }
        let bytes = LittleEndianBlob.bytes(of: words)
        XCTAssertEqual(bytes, words.flatMap { referenceBytes($0, count: 8) })
        var decoded = [UInt64](repeating: 0, count: words.count)
        decoded.withUnsafeMutableBufferPointer { buffer in
            bytes.withUnsafeBytes { LittleEndianBlob.copyWords(from: $0, into: buffer) }
        }
        XCTAssertEqual(decoded, words)
    }

    func testBagIsPackedTermIDCountPairs() {
        let bag = BagOfWords(termIDs: [0, 5, 1999, Int32.max], counts: [1, 2.5, 7, 1e9], outOfVocabularyCount: 4)
        let expected = zip(bag.termIDs, bag.counts).flatMap { id, count in
            referenceBytes(UInt64(UInt32(bitPattern: id)), count: 4) + referenceBytes(UInt64(count.bitPattern), count: 4)
        }
        let bytes = LittleEndianBlob.bytes(of: bag)
        XCTAssertEqual(bytes, expected)
        XCTAssertEqual(bytes.withUnsafeBytes { LittleEndianBlob.bag(from: $0, outOfVocabularyCount: 4) }, bag)
        XCTAssertNil([UInt8](repeating: 0, count: 12).withUnsafeBytes {
            LittleEndianBlob.bag(from: $0, outOfVocabularyCount: 0)
        })
        XCTAssertEqual([UInt8]().withUnsafeBytes { LittleEndianBlob.bag(from: $0, outOfVocabularyCount: 2) },
                       BagOfWords(outOfVocabularyCount: 2))
    }
}
