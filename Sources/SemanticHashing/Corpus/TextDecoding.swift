#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The character encoding `TextDecoding` read some bytes as.
public enum TextEncoding: String, Sendable, Equatable {
    case utf8 = "UTF-8"
    case latin1 = "ISO-8859-1"
}

/// Text decoded from bytes, with the encoding it was read as.
public struct DecodedText: Sendable, Equatable {
    public var text: String
    public var encoding: TextEncoding

    public init(text: String, encoding: TextEncoding) {
        self.text = text
        self.encoding = encoding
    }
}

/// Decodes the bytes of a text file whose encoding is not declared.
///
/// Valid UTF-8 is read as UTF-8; anything else as ISO-8859-1 (every byte is the code point U+00XX), which
/// never fails and is what old mail, news and newswire collections mostly are. A leading UTF-8 byte order
/// mark is dropped. Bytes containing a NUL are taken for a binary file and not decoded. Linear time.
public enum TextDecoding {
    /// The text of `bytes`, or nil when they contain a NUL byte (binary data).
    public static func decode(_ bytes: some Collection<UInt8>) -> DecodedText? {
        if let decoded = bytes.withContiguousStorageIfAvailable({ decode(buffer: $0) }) { return decoded }
        return Array(bytes).withUnsafeBufferPointer { decode(buffer: $0) }
    }

    private static func decode(buffer: UnsafeBufferPointer<UInt8>) -> DecodedText? {
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return DecodedText(text: "", encoding: .utf8) }
        guard memchr(base, 0, buffer.count) == nil else { return nil }
        let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
        let body = buffer.starts(with: byteOrderMark) ? UnsafeBufferPointer(rebasing: buffer[3...]) : buffer
        if let text = String(validating: body, as: UTF8.self) { return DecodedText(text: text, encoding: .utf8) }
        return DecodedText(text: latin1(body), encoding: .latin1)
    }

    /// Reads each byte as the code point of the same value (ISO-8859-1), writing UTF-8 directly.
    private static func latin1(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var highBytes = 0
        for byte in bytes where byte >= 0x80 { highBytes += 1 }
        return String(unsafeUninitializedCapacity: bytes.count + highBytes) { output in
            var written = 0
            for byte in bytes {
                if byte < 0x80 {
                    output[written] = byte
                    written += 1
                } else {
                    output[written] = 0xC0 | (byte >> 6)
                    output[written + 1] = 0x80 | (byte & 0x3F)
                    written += 2
                }
            }
            return written
        }
    }
}
