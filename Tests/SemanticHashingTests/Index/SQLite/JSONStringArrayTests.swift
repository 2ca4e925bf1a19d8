import Foundation
@testable import SemanticHashing
import XCTest

/// The hand-written JSON encoder of string lists, checked by Foundation's decoder.
final class JSONStringArrayTests: XCTestCase {
    func testEncodedArraysDecodeToTheSameStrings() throws {
        let cases: [[String]] = [
            [],
            [""],
            ["comp.os.ms-windows.misc", "alt.atheism"],
            ["quote \" and backslash \\", "slash / and unicode ünïcödé 日本 🚀"],
            ["new\nline\ttab\rreturn", "\u{0}\u{1}\u{1F}\u{7F}"],
        ]
        for strings in cases {
            let json = JSONStringArray.encode(strings)
            XCTAssertEqual(try JSONDecoder().decode([String].self, from: Data(json.utf8)), strings, json)
            XCTAssertEqual(JSONStringArray.decode(json), strings)
        }
        XCTAssertEqual(JSONStringArray.encode(["a", "b"]), #"["a","b"]"#)
    }

    func testDecodingRejectsAnythingButAStringArray() {
        for json in ["", "{}", "[1]", "[\"a\"", "\"a\""] {
            XCTAssertNil(JSONStringArray.decode(json), json)
        }
    }
}
