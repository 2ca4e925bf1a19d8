#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The character encoding `TextDecoding` read some bytes as.
public enum TextEncoding: String, Sendable, Equatable {
    case utf8 = "UTF-8"
    case latin1 = "ISO-8859-1"
    /// UTF-16 of either byte order, recognised by its byte order mark (what Windows' editors write as
    /// "Unicode").
    case utf16 = "UTF-16"
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
/// Bytes opening with a UTF-16 byte order mark (FF FE or FE FF) and of even length are read as UTF-16 in
/// that byte order (invalid surrogates become U+FFFD). Otherwise valid UTF-8 is read as UTF-8; anything
/// else as ISO-8859-1 (every byte is the code point U+00XX), which never fails and is what old mail, news
/// and newswire collections mostly are. Byte order marks are dropped. Bytes containing a NUL (in UTF-16,
/// a NUL code unit) are taken for a binary file and not decoded. Linear time.
public enum TextDecoding {
    /// The text of `bytes`, or nil when they contain a NUL byte (binary data).
    public static func decode(_ bytes: some Collection<UInt8>) -> DecodedText? {
        if let decoded = bytes.withContiguousStorageIfAvailable({ decode(buffer: $0) }) { return decoded }
        return Array(bytes).withUnsafeBufferPointer { decode(buffer: $0) }
    }

    private static func decode(buffer: UnsafeBufferPointer<UInt8>) -> DecodedText? {
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return DecodedText(text: "", encoding: .utf8) }
        if let bigEndian = utf16ByteOrder(of: buffer) { return utf16(UnsafeBufferPointer(rebasing: buffer[2...]), bigEndian: bigEndian) }
        guard memchr(base, 0, buffer.count) == nil else { return nil }
        let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
        let body = buffer.starts(with: byteOrderMark) ? UnsafeBufferPointer(rebasing: buffer[3...]) : buffer
        if let text = String(validating: body, as: UTF8.self) { return DecodedText(text: text, encoding: .utf8) }
        return DecodedText(text: latin1(body), encoding: .latin1)
    }

    /// Whether `bytes` are UTF-16 by their byte order mark and even length: true for big-endian, false for
    /// little-endian, nil when they are not UTF-16.
    private static func utf16ByteOrder(of bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard bytes.count >= 2, bytes.count % 2 == 0 else { return nil }
        switch (bytes[0], bytes[1]) {
        case (0xFE, 0xFF): return true
        case (0xFF, 0xFE): return false
        default: return nil
        }
    }

    /// The UTF-16 text of `bytes` (without their byte order mark), or nil when a code unit is NUL.
    private static func utf16(_ bytes: UnsafeBufferPointer<UInt8>, bigEndian: Bool) -> DecodedText? {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        for start in stride(from: 0, to: bytes.count, by: 2) {
            let (high, low) = bigEndian ? (bytes[start], bytes[start + 1]) : (bytes[start + 1], bytes[start])
            let unit = UInt16(high) << 8 | UInt16(low)
            if unit == 0 { return nil }
            units.append(unit)
        }
        return DecodedText(text: String(decoding: units, as: UTF16.self), encoding: .utf16)
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
