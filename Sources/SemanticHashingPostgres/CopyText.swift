import NIOCore

/// Rows in the text format of `COPY … FROM STDIN`: fields separated by tabs, rows ended by newlines, `\N`
/// for NULL, backslash escapes for backslash, tab, newline and carriage return, `bytea` as `\\x` and hex.
struct CopyText {
    var buffer = ByteBuffer()
    private var startsRow = true

    /// Appends a text field.
    mutating func text(_ value: String) {
        separate()
        var value = value
        value.withUTF8 { bytes in
            // Most text has nothing to escape: written in one piece.
            guard bytes.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\t")
                || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }) else {
                buffer.writeBytes(bytes)
                return
            }
            var escaped: [UInt8] = []
            escaped.reserveCapacity(bytes.count + 8)
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "\\"): escaped += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
                case UInt8(ascii: "\t"): escaped += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
                case UInt8(ascii: "\n"): escaped += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
                case UInt8(ascii: "\r"): escaped += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
                default: escaped.append(byte)
                }
            }
            buffer.writeBytes(escaped)
        }
    }

    /// Appends a text field, or NULL.
    mutating func optionalText(_ value: String?) {
        guard let value else {
            separate()
            buffer.writeStaticString("\\N")
            return
        }
        text(value)
    }

    /// Appends an integer field.
    mutating func integer<I: BinaryInteger>(_ value: I) {
        separate()
        buffer.writeString(String(value))
    }

    /// Appends a boolean field.
    mutating func boolean(_ value: Bool) {
        separate()
        buffer.writeStaticString(value ? "t" : "f")
    }

    /// Appends a `real` field, written so that it reads back as the same Float.
    mutating func real(_ value: Float) {
        separate()
        buffer.writeString("\(value)")
    }

    /// Appends a `bytea` field in hex.
    mutating func bytes(_ value: [UInt8]) {
        separate()
        buffer.writeStaticString("\\\\x")
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: value.count * 2) { target in
            for (index, byte) in value.enumerated() {
                target[2 * index] = Self.hexDigits[Int(byte >> 4)]
                target[2 * index + 1] = Self.hexDigits[Int(byte & 15)]
            }
            return value.count * 2
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends a `bigint[]` field.
    mutating func bigintArray(_ values: [Int64]) {
        separate()
        buffer.writeString("{" + values.map(String.init).joined(separator: ",") + "}")
    }

    /// Ends the row.
    mutating func endRow() {
        buffer.writeStaticString("\n")
        startsRow = true
    }

    private mutating func separate() {
        if !startsRow { buffer.writeStaticString("\t") }
        startsRow = false
    }
}

/// Hashes between the SQLite blob (little-endian UInt64 words) and the PostgreSQL `bigint[]` (the same words
/// read as two's-complement integers).
enum HashWords {
    static func bigints(fromBlob blob: [UInt8]) -> [Int64]? {
        guard blob.count % 8 == 0 else { return nil }
        return stride(from: 0, to: blob.count, by: 8).map { start in
            var word: UInt64 = 0
            for offset in 0..<8 { word |= UInt64(blob[start + offset]) << UInt64(8 * offset) }
            return Int64(bitPattern: word)
        }
    }

    static func blob(fromBigints words: [Int64]) -> [UInt8] {
        var blob: [UInt8] = []
        blob.reserveCapacity(words.count * 8)
        for word in words {
            let bits = UInt64(bitPattern: word)
            for offset in 0..<8 { blob.append(UInt8(truncatingIfNeeded: bits >> UInt64(8 * offset))) }
        }
        return blob
    }
}
