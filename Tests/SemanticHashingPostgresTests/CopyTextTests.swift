import NIOCore
@testable import SemanticHashingPostgres
import TestSupport
import XCTest

/// Rows in the text format of `COPY … FROM STDIN`, read back by a decoder written from PostgreSQL's
/// documentation of that format.
final class CopyTextTests: XCTestCase {
    /// The bytes written so far, as text (every field CopyText writes is UTF-8).
    private func written(_ rows: CopyText) -> String {
        String(decoding: rows.buffer.readableBytesView, as: UTF8.self)
    }

    private func copyText(_ fill: (inout CopyText) -> Void) -> CopyText {
        var rows = CopyText()
        fill(&rows)
        return rows
    }

    func testTextFieldsEscapeExactlyBackslashTabNewlineAndCarriageReturn() {
        // Raw strings on the right: what is written, byte for byte.
        let cases: [(value: String, written: String)] = [
            ("plain text", "plain text"),
            ("", ""),
            ("a\\b", #"a\\b"#),
            ("a\tb", #"a\tb"#),
            ("a\nb", #"a\nb"#),
            ("a\rb", #"a\rb"#),
            ("\r\n", #"\r\n"#),
            ("\\\\", #"\\\\"#),
            ("\\n is not a newline", #"\\n is not a newline"#),
            ("\\N", #"\\N"#),
            ("\\.", #"\\."#),
            ("end\\", #"end\\"#),
            // Other control characters are data as they are: COPY reads them back unchanged.
            ("\u{08}\u{0B}\u{0C}\u{1B}\u{7F}", "\u{08}\u{0B}\u{0C}\u{1B}\u{7F}"),
            // Not escaped: no COPY escape would help, PostgreSQL's text cannot hold NUL (\0 decodes to it as
            // well), and the core never passes it on (text with NUL is binary to TextDecoding).
            ("a\u{0}b", "a\u{0}b"),
            // UTF-8 has no byte of an ASCII character inside a longer sequence: nothing to escape.
            ("é 東京 🚀 e\u{301} ﬁ \u{2028}", "é 東京 🚀 e\u{301} ﬁ \u{2028}"),
            ("tab\tafter é\n", #"tab\tafter é\n"#),
        ]
        for (value, expected) in cases {
            XCTAssertEqual(written(copyText { $0.text(value) }), expected, value.debugDescription)
            XCTAssertEqual(written(copyText { $0.optionalText(value) }), expected, value.debugDescription)
        }
    }

    func testNullIsBackslashNAndNotTheTextBackslashNNorTheEmptyString() throws {
        let rows = copyText {
            $0.optionalText(nil)
            $0.optionalText("\\N")
            $0.optionalText("")
            $0.text("N")
            $0.endRow()
        }
        XCTAssertEqual(written(rows), "\\N\t\\\\N\t\tN\n")
        XCTAssertEqual(try CopyTextReader.rows(rows.buffer), [[nil, "\\N", "", "N"]])
    }

    func testFieldsAreSeparatedByTabsAndRowsEndWithNewlines() throws {
        let rows = copyText {
            $0.integer(42)
            $0.boolean(true)
            $0.boolean(false)
            $0.text("x")
            $0.endRow()
            $0.integer(Int32(-7))
            $0.endRow()
            $0.text("")
            $0.text("")
            $0.endRow()
        }
        XCTAssertEqual(written(rows), "42\tt\tf\tx\n-7\n\t\n")
        XCTAssertEqual(try CopyTextReader.rows(rows.buffer), [["42", "t", "f", "x"], ["-7"], ["", ""]])
        XCTAssertEqual(written(CopyText()), "")
    }

    func testIntegersAndBigintArraysAreWrittenInDecimal() {
        let integers: [(value: Int64, written: String)] = [
            (0, "0"), (1, "1"), (-1, "-1"), (Int64.max, "9223372036854775807"), (Int64.min, "-9223372036854775808"),
        ]
        for (value, expected) in integers {
            XCTAssertEqual(written(copyText { $0.integer(value) }), expected)
        }
        XCTAssertEqual(written(copyText { $0.integer(UInt8(255)) }), "255")
        let arrays: [(value: [Int64], written: String)] = [
            ([], "{}"),
            ([0], "{0}"),
            ([Int64.min, -1, 0, 1, Int64.max], "{-9223372036854775808,-1,0,1,9223372036854775807}"),
        ]
        for (value, expected) in arrays {
            XCTAssertEqual(written(copyText { $0.bigintArray(value) }), expected)
        }
    }

    func testByteaIsHexAfterAnEscapedBackslash() throws {
        let cases: [(value: [UInt8], written: String)] = [
            ([], #"\\x"#),
            ([0x00], #"\\x00"#),
            ([0x00, 0x0F, 0xA5, 0xFF], #"\\x000fa5ff"#),
            (Array("\\\t\n".utf8), #"\\x5c090a"#),
        ]
        for (value, expected) in cases {
            XCTAssertEqual(written(copyText { $0.bytes(value) }), expected)
        }
        // Every byte value, and enough bytes to grow the buffer more than once.
        let every = (0...255).map { UInt8($0) }
        let long = (0..<5_000).map { UInt8(truncatingIfNeeded: $0 &* 7919) }
        let rows = copyText {
            $0.bytes(every)
            $0.bytes(long)
            $0.endRow()
        }
        let fields = try XCTUnwrap(try CopyTextReader.rows(rows.buffer).first)
        XCTAssertEqual(fields.count, 2)
        XCTAssertEqual(fields.first.flatMap { $0.flatMap(CopyTextReader.bytea) }, every)
        XCTAssertEqual(fields.last.flatMap { $0.flatMap(CopyTextReader.bytea) }, long)
    }

    func testRealsReadBackAsTheSameFloat() {
        let values: [Float] = [0, -0.0, 1, -1, 0.1, 1.0 / 3, .pi, 1e10, 123_456.79, 16_777_216, 0x1p-130,
                               .leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude,
                               -.greatestFiniteMagnitude]
        for value in values {
            let text = written(copyText { $0.real(value) })
            XCTAssertEqual(Float(text)?.bitPattern, value.bitPattern, text)
        }
        // PostgreSQL reads infinity and NaN in any case, also spelled inf and -inf.
        for (value, spellings) in [(Float.infinity, ["inf", "infinity"]), (-Float.infinity, ["-inf", "-infinity"]),
                                   (Float.nan, ["nan"])] {
            let text = written(copyText { $0.real(value) })
            XCTAssertTrue(spellings.contains(text.lowercased()), text)
        }
    }

    func testEveryRowReadsBackThroughAReferenceDecoderOfTheCopyTextFormat() throws {
        var generator = SeededGenerator(seed: 14)
        let pieces = ["a", "Z", " ", "\\", "\t", "\n", "\r", "\r\n", "N", "\\N", ".", "\\.", "x", "é", "東", "🚀",
                      "e\u{301}", "\u{0B}", "\u{0C}", "\u{08}", "{", "}", ",", "'", "\"", "0", "7", "\u{FEFF}"]
        var expected: [[String?]] = []
        var rows = CopyText()
        for _ in 0..<300 {
            var row: [String?] = []
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                if Int.random(in: 0..<6, using: &generator) == 0 {
                    row.append(nil)
                } else {
                    row.append((0..<Int.random(in: 0...12, using: &generator))
                        .map { _ in pieces.randomElement(using: &generator)! }.joined())
                }
            }
            for field in row { rows.optionalText(field) }
            rows.endRow()
            expected.append(row)
        }
        XCTAssertEqual(try CopyTextReader.rows(rows.buffer), expected)
    }

    func testTheReferenceDecoderReadsPostgreSQLsEscapes() throws {
        // The decoder's own check, on input CopyText does not write (octal, hex, other escaped characters).
        let cases: [(copy: String, rows: [[String?]])] = [
            (#"\b\f\v\101\60\x41\x4a\q\\\"# + "\tx\n", [["\u{08}\u{0C}\u{0B}A0AJq\\\tx"]]),
            (#"a\Nb"# + "\t" + #"\N"# + "\n", [["aNb", nil]]),
            ("one\n" + #"\."# + "\n", [["one"]]),
        ]
        for (copy, rows) in cases {
            var buffer = ByteBuffer()
            buffer.writeString(copy)
            XCTAssertEqual(try CopyTextReader.rows(buffer), rows, copy)
        }
        for invalid in ["a\rb\n", "no newline at the end"] {
            var buffer = ByteBuffer()
            buffer.writeString(invalid)
            XCTAssertThrowsError(try CopyTextReader.rows(buffer), invalid)
        }
    }
}

/// A decoder of COPY's text format, following PostgreSQL's documentation of `COPY … FROM`: rows end at a
/// newline, fields at a tab; a field that is exactly `\N` is NULL; a backslash introduces `\b` `\f` `\n` `\r`
/// `\t` `\v`, one to three octal digits, `\x` and one or two hex digits, or else stands for the character
/// after it; a row `\.` ends the data. A raw carriage return in the data is an error (COPY refuses it).
enum CopyTextReader {
    struct Invalid: Error, CustomStringConvertible {
        var description: String
    }

    static func rows(_ buffer: ByteBuffer) throws -> [[String?]] {
        let bytes = Array(buffer.readableBytesView)
        guard bytes.isEmpty || bytes.last == UInt8(ascii: "\n") else { throw Invalid(description: "no newline at the end") }
        var rows: [[String?]] = []
        for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast() {
            if Array(line) == Array(#"\."#.utf8) { break }
            rows.append(try fields(Array(line)))
        }
        return rows
    }

    private static func fields(_ line: [UInt8]) throws -> [String?] {
        var fields: [String?] = []
        var raw: [UInt8] = []
        var value: [UInt8] = []
        func finish() throws {
            if raw == Array(#"\N"#.utf8) {
                fields.append(nil)
            } else if let text = String(validating: value, as: UTF8.self) {
                fields.append(text)
            } else {
                throw Invalid(description: "a field that is not UTF-8")
            }
            raw = []
            value = []
        }
        var index = 0
        while index < line.count {
            let byte = line[index]
            switch byte {
            case UInt8(ascii: "\t"):
                try finish()
                index += 1
            case UInt8(ascii: "\r"):
                throw Invalid(description: "a literal carriage return in the data")
            case UInt8(ascii: "\\"):
                guard index + 1 < line.count else { throw Invalid(description: "a backslash at the end of a line") }
                let escaped = line[index + 1]
                var end = index + 2
                switch escaped {
                case UInt8(ascii: "b"): value.append(0x08)
                case UInt8(ascii: "f"): value.append(0x0C)
                case UInt8(ascii: "n"): value.append(0x0A)
                case UInt8(ascii: "r"): value.append(0x0D)
                case UInt8(ascii: "t"): value.append(0x09)
                case UInt8(ascii: "v"): value.append(0x0B)
                case UInt8(ascii: "0")...UInt8(ascii: "7"):
                    end = index + 1
                    var code = 0
                    while end < line.count, end < index + 4, (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(line[end]) {
                        code = code * 8 + Int(line[end] - UInt8(ascii: "0"))
                        end += 1
                    }
                    value.append(UInt8(truncatingIfNeeded: code))
                case UInt8(ascii: "x") where index + 2 < line.count && hexValue(line[index + 2]) != nil:
                    var code = 0
                    while end < line.count, end < index + 4, let digit = hexValue(line[end]) {
                        code = code * 16 + digit
                        end += 1
                    }
                    value.append(UInt8(code))
                default:
                    value.append(escaped)
                }
                raw += line[index..<end]
                index = end
            default:
                raw.append(byte)
                value.append(byte)
                index += 1
            }
        }
        try finish()
        return fields
    }

    /// The bytes of a `bytea` field's text in hex (`\x` and two hex digits a byte), nil for another form.
    static func bytea(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.starts(with: Array(#"\x"#.utf8)), digits.count % 2 == 0 else { return nil }
        return stride(from: 2, to: digits.count, by: 2).map { index in
            hexValue(digits[index]).flatMap { high in hexValue(digits[index + 1]).map { UInt8(high * 16 + $0) } }
        }.reduce(into: [UInt8]?([])) { result, byte in
            if let byte { result?.append(byte) } else { result = nil }
        }
    }

    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return Int(byte - UInt8(ascii: "A")) + 10
        default: return nil
        }
    }
}
