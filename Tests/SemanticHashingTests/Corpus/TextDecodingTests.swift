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

    func testUTF16WithAByteOrderMarkIsReadInItsByteOrder() {
        let text = "Grüße, 東京 🚀"
        let units = Array(text.utf16)
        let little: [UInt8] = [0xFF, 0xFE] + units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let big: [UInt8] = [0xFE, 0xFF] + units.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        XCTAssertEqual(TextDecoding.decode(little), DecodedText(text: text, encoding: .utf16))
        XCTAssertEqual(TextDecoding.decode(big), DecodedText(text: text, encoding: .utf16))
        XCTAssertEqual(TextDecoding.decode([0xFF, 0xFE, 0x61, 0x00, 0x00, 0xD8, 0x62, 0x00]),
                       DecodedText(text: "a\u{FFFD}b", encoding: .utf16), "a lone surrogate becomes U+FFFD")
        XCTAssertNil(TextDecoding.decode([0xFF, 0xFE, 0x61, 0x00, 0x00, 0x00]), "a NUL code unit is binary")
        XCTAssertEqual(TextDecoding.decode([0xFF, 0xFE, 0x61]), DecodedText(text: "\u{FF}\u{FE}a", encoding: .latin1),
                       "an odd length is not UTF-16")
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
