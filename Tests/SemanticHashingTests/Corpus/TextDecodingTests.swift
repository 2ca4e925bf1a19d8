import SemanticHashing
import XCTest

final class TextDecodingTests: XCTestCase {
    func testValidUTF8IsReadAsUTF8() {
        let text = "héllo ✓ 東京"
        XCTAssertEqual(TextDecoding.decode(Array(text.utf8)), DecodedText(text: text, encoding: .utf8))
    }

    func testInvalidUTF8IsReadAsLatin1() {
        // "crème" in ISO-8859-1: 0xE8 alone is not UTF-8.
        XCTAssertEqual(TextDecoding.decode([0x63, 0x72, 0xE8, 0x6D, 0x65]),
                       DecodedText(text: "crème", encoding: .latin1))
        // A truncated UTF-8 sequence: every byte becomes the code point of its value.
        XCTAssertEqual(TextDecoding.decode([0x63, 0x61, 0x66, 0xC3]), DecodedText(text: "caf\u{C3}", encoding: .latin1))
        let allBytes = (1...255).map { UInt8($0) }
        let decoded = TextDecoding.decode(allBytes)
        XCTAssertEqual(decoded?.encoding, .latin1)
        XCTAssertEqual(decoded?.text.unicodeScalars.map(\.value), (1...255).map { UInt32($0) })
    }

    func testByteOrderMarkIsDropped() {
        XCTAssertEqual(TextDecoding.decode([0xEF, 0xBB, 0xBF, 0x61, 0x62]), DecodedText(text: "ab", encoding: .utf8))
    }

    func testBytesWithNULAreBinary() {
        XCTAssertNil(TextDecoding.decode([0x61, 0x00, 0x62]))
        var late = [UInt8](repeating: 0x61, count: 10_000)
        late.append(0)
        XCTAssertNil(TextDecoding.decode(late))
    }

    func testEmptyAndNonContiguousInput() {
        XCTAssertEqual(TextDecoding.decode([UInt8]()), DecodedText(text: "", encoding: .utf8))
        XCTAssertEqual(TextDecoding.decode(Array("cba".utf8).reversed()), DecodedText(text: "abc", encoding: .utf8))
    }
}
