#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Removes what makes a Usenet post easy to classify for the wrong reasons: headers (newsgroup names,
/// hosts), quoted text from other posts, and signatures.
///
/// The three rules reproduce scikit-learn's `strip_newsgroup_header`, `strip_newsgroup_footer` and
/// `strip_newsgroup_quoting` (sklearn/datasets/_twenty_newsgroups.py) exactly, so that results are
/// comparable with the literature that uses `remove=('headers', 'footers', 'quotes')`. Lines are split at
/// "\n" only and whitespace is Python's, as there. Each rule scans the UTF-8 bytes once: linear time.
public enum UsenetCleaner {
    /// Applies the three rules in scikit-learn's order: header, footer, then quoting.
    public static func clean(_ post: String) -> String {
        strippingQuoting(strippingFooter(strippingHeader(post)))
    }

    /// Everything after the first blank line ("\n\n"); empty when there is none (the whole post is header).
    public static func strippingHeader(_ post: String) -> String {
        withBytes(of: post) { bytes in
            guard let separator = firstBlankLine(in: bytes) else { return "" }
            return string(bytes, separator.upperBound..<bytes.count)
        }
    }

    /// The post without lines that quote or introduce a quote: lines starting with ">" or "|", "In article"
    /// or "Quoted from", and lines containing "writes in", "writes:", "wrote:", "says:" or "said:".
    public static func strippingQuoting(_ text: String) -> String {
        withBytes(of: text) { bytes in
            String(unsafeUninitializedCapacity: bytes.count) { output in
                var written = 0
                var isFirst = true
                forEachLine(in: bytes, 0..<bytes.count) { line in
                    guard !isQuoting(bytes, line) else { return }
                    if !isFirst {
                        output[written] = UInt8(ascii: "\n")
                        written += 1
                    }
                    isFirst = false
                    for index in line {
                        output[written] = bytes[index]
                        written += 1
                    }
                }
                return written
            }
        }
    }

    /// The text without its last block: everything from the last line that is blank or made only of
    /// hyphens (such as the "-- " signature separator), after surrounding whitespace is ignored. The text
    /// is returned unchanged when that line is the first one or there is none. Like scikit-learn, this also
    /// removes a last paragraph that is not a signature.
    public static func strippingFooter(_ text: String) -> String {
        withBytes(of: text) { bytes in
            let content = PythonWhitespace.stripped(bytes, 0..<bytes.count)
            var lineEnd = content.upperBound
            while true {
                let lineStart = lastNewline(in: bytes, content.lowerBound..<lineEnd).map { $0 + 1 }
                let line = (lineStart ?? content.lowerBound)..<lineEnd
                if isBlankOrHyphens(bytes, line) {
                    guard let lineStart else { return text }
                    return string(bytes, content.lowerBound..<(lineStart - 1))
                }
                guard let lineStart else { return text }
                lineEnd = lineStart - 1
            }
        }
    }

    /// The value of the `Subject:` header (the header block is everything before the first blank line),
    /// with folded continuation lines joined; nil when there is none or it is empty.
    public static func subject(of post: String) -> String? {
        withBytes(of: post) { bytes in
            let header = 0..<(firstBlankLine(in: bytes)?.lowerBound ?? bytes.count)
            let name = Array("subject:".utf8)
            var value: [Range<Int>] = []
            forEachLine(in: bytes, header) { line in
                if value.isEmpty {
                    if line.count >= name.count && zip(line, name).allSatisfy({ asciiLowercased(bytes[$0]) == $1 }) {
                        value.append((line.lowerBound + name.count)..<line.upperBound)
                    }
                } else if value.last!.upperBound == line.lowerBound - 1, let first = line.first,
                          bytes[first] == UInt8(ascii: " ") || bytes[first] == UInt8(ascii: "\t")
                {
                    value.append(line)
                }
            }
            let subject = value.map { string(bytes, PythonWhitespace.stripped(bytes, $0)) }
                .filter { !$0.isEmpty }.joined(separator: " ")
            return subject.isEmpty ? nil : subject
        }
    }

    private static func withBytes<Result>(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        var text = text
        return text.withUTF8(body)
    }

    private static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    private static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 0x20 : byte
    }

    /// The range of the first "\n\n" in `bytes`.
    private static func firstBlankLine(in bytes: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        var start = 0
        while let newline = nextNewline(in: bytes, start..<bytes.count) {
            if newline + 1 < bytes.count && bytes[newline + 1] == UInt8(ascii: "\n") { return newline..<(newline + 2) }
            start = newline + 1
        }
        return nil
    }

    /// Calls `body` with the byte range of every line of `bytes[range]` split at "\n" (a trailing "\n"
    /// yields a last empty line), like Python's `str.split("\n")`.
    private static func forEachLine(
        in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ body: (Range<Int>) -> Void
    ) {
        var start = range.lowerBound
        while let newline = nextNewline(in: bytes, start..<range.upperBound) {
            body(start..<newline)
            start = newline + 1
        }
        body(start..<range.upperBound)
    }

    private static func nextNewline(in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        guard !range.isEmpty, let found = memchr(bytes.baseAddress! + range.lowerBound, 0x0A, range.count) else {
            return nil
        }
        return UnsafeRawPointer(found) - UnsafeRawPointer(bytes.baseAddress!)
    }

    private static func lastNewline(in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        range.reversed().first { bytes[$0] == UInt8(ascii: "\n") }
    }

    private static let quotePrefixes = ["In article", "Quoted from", "|", ">"].map { Array($0.utf8) }
    private static let quoteMarkers = ["writes in", "writes:", "wrote:", "says:", "said:"].map { Array($0.utf8) }

    private static func isQuoting(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> Bool {
        let line = bytes[line]
        if quotePrefixes.contains(where: { line.starts(with: $0) }) { return true }
        // Every marker ends with ":" or " in"; look for the markers only around those.
        for index in line.indices where line[index] == UInt8(ascii: ":") || line[index] == UInt8(ascii: "n") {
            let end = index + 1
            for marker in quoteMarkers where marker.last == line[index] && end - marker.count >= line.startIndex {
                if line[(end - marker.count)..<end].elementsEqual(marker) { return true }
            }
        }
        return false
    }

    private static func isBlankOrHyphens(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> Bool {
        bytes[PythonWhitespace.stripped(bytes, line)].allSatisfy { $0 == UInt8(ascii: "-") }
    }
}

/// Python's notion of whitespace (`str.isspace`, `str.strip()`), which `UsenetCleaner` must follow to
/// reproduce scikit-learn exactly. It differs from Unicode's White_Space property: it includes the
/// information separators U+001C–U+001F and excludes U+180E.
///
/// Works on UTF-8 bytes so that the cleaner can scan a text in place.
enum PythonWhitespace {
    static func contains(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F,
             0x3000:
            return true
        default:
            return false
        }
    }

    /// `bytes[range]` (valid UTF-8) without leading and trailing whitespace, like Python's `str.strip()`.
    static func stripped(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, let length = whitespaceLength(bytes, startingAt: lower, limit: upper) {
            lower += length
        }
        while upper > lower, let length = whitespaceLength(bytes, endingAt: upper, limit: lower) {
            upper -= length
        }
        return lower..<upper
    }

    /// The byte length of the whitespace character starting at `index` (before `limit`), or nil.
    private static func whitespaceLength(_ bytes: UnsafeBufferPointer<UInt8>, startingAt index: Int, limit: Int)
        -> Int?
    {
        let lead = bytes[index]
        if lead < 0x80 { return contains(Unicode.Scalar(lead)) ? 1 : nil }
        let length = lead >= 0xE0 ? 3 : 2
        guard lead >= 0xC2, lead < 0xF0, index + length <= limit else { return nil }
        return contains(scalar(bytes, index..<(index + length))) ? length : nil
    }

    /// The byte length of the whitespace character ending just before `index` (after `limit`), or nil.
    private static func whitespaceLength(_ bytes: UnsafeBufferPointer<UInt8>, endingAt index: Int, limit: Int)
        -> Int?
    {
        let last = bytes[index - 1]
        if last < 0x80 { return contains(Unicode.Scalar(last)) ? 1 : nil }
        for length in 2...3 where index - length >= limit {
            let lead = bytes[index - length]
            guard lead & 0xC0 == 0x80 else {
                let expected = lead >= 0xE0 ? 3 : 2
                return expected == length && contains(scalar(bytes, (index - length)..<index)) ? length : nil
            }
        }
        return nil
    }

    /// Decodes one two- or three-byte UTF-8 sequence.
    private static func scalar(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Unicode.Scalar {
        var value = UInt32(bytes[range.lowerBound]) & (range.count == 2 ? 0x1F : 0x0F)
        for index in (range.lowerBound + 1)..<range.upperBound { value = value << 6 | UInt32(bytes[index] & 0x3F) }
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }
}
