#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One `<REUTERS ...> ... </REUTERS>` record of Reuters-21578, parsed (see the collection's README.txt and
/// lewis.dtd). The parser scans the UTF-8 bytes; every tag it looks for is ASCII.
struct ReutersRecord: Equatable {
    /// The attributes of the `<REUTERS>` tag: TOPICS, LEWISSPLIT, CGISPLIT, OLDID, NEWID.
    var attributes: [String: String]
    /// The `<D>` values of `<TOPICS>`, in record order.
    var topics: [String]
    /// `<TITLE>`, entities decoded, without surrounding whitespace.
    var title: String
    /// `<BODY>` (or the whole `<TEXT>` of an unprocessed record), entities decoded, without the control
    /// characters U+0002/U+0003, the closing "Reuter" line and surrounding whitespace.
    var body: String

    typealias Bytes = UnsafeBufferPointer<UInt8>.SubSequence

    /// A short reason why a record cannot be parsed.
    struct Malformation: Error {
        var reason: String
        init(_ reason: String) { self.reason = reason }
    }

    /// Parses the text of one record, from `<REUTERS` to `</REUTERS>`.
    /// - Throws: `Malformation` when the record has no NEWID or an element is not closed.
    init(parsing record: String) throws(Malformation) {
        var record = record
        let parsed = record.withUTF8 { bytes in
            Result { () throws(Malformation) in try ReutersRecord(parsing: bytes[...]) }
        }
        self = try parsed.get()
    }

    private init(parsing record: Bytes) throws(Malformation) {
        guard let tagEnd = record.firstIndex(of: UInt8(ascii: ">")) else {
            throw Malformation("unterminated <REUTERS> tag")
        }
        attributes = Self.attributes(of: record[..<tagEnd])
        guard attributes["NEWID"] != nil else { throw Malformation("<REUTERS> tag without a NEWID attribute") }
        let content = record[(tagEnd + 1)...]
        topics = []
        if let list = try Self.element("TOPICS", in: content) {
            var rest = list.content
            while let topic = try Self.element("D", in: rest) {
                topics.append(Self.decoded(topic.content))
                rest = rest[topic.end...]
            }
        }
        title = ""
        body = ""
        guard let text = try Self.element("TEXT", in: content) else { return }
        if let title = try Self.element("TITLE", in: text.content) {
            self.title = Self.decoded(Self.trimmed(title.content))
        }
        if let body = try Self.element("BODY", in: text.content) {
            self.body = Self.withoutSignOff(body.content)
        } else if ByteSearch.firstRange(of: Array("UNPROC".utf8), in: text.attributes) != nil {
            self.body = Self.withoutSignOff(text.content)
        }
    }

    /// The first `<name ...>content</name>` in `bytes`: its attribute text, content, and the index after it.
    private static func element(_ name: String, in bytes: Bytes) throws(Malformation)
        -> (attributes: Bytes, content: Bytes, end: Int)?
    {
        let openTag = Array("<\(name)".utf8)
        let closeTag = Array("</\(name)>".utf8)
        var rest = bytes
        while let open = ByteSearch.firstRange(of: openTag, in: rest) {
            let afterName = open.upperBound
            guard afterName < rest.endIndex else { break }
            guard rest[afterName] == UInt8(ascii: ">") || rest[afterName] == UInt8(ascii: " ") else {
                rest = rest[afterName...]
                continue
            }
            guard let tagEnd = rest[afterName...].firstIndex(of: UInt8(ascii: ">")) else {
                throw Malformation("unterminated <\(name)> tag")
            }
            guard let close = ByteSearch.firstRange(of: closeTag, in: rest[(tagEnd + 1)...]) else {
                throw Malformation("<\(name)> without </\(name)>")
            }
            return (rest[afterName..<tagEnd], rest[(tagEnd + 1)..<close.lowerBound], close.upperBound)
        }
        return nil
    }

    /// The `NAME="value"` pairs of a start tag.
    private static func attributes(of tag: Bytes) -> [String: String] {
        var attributes: [String: String] = [:]
        var rest = tag
        while let equals = rest.firstIndex(of: UInt8(ascii: "=")) {
            let nameStart = (rest[..<equals].lastIndex(of: UInt8(ascii: " ")) ?? (rest.startIndex - 1)) + 1
            guard equals + 1 < rest.endIndex, rest[equals + 1] == UInt8(ascii: "\""),
                  let close = rest[(equals + 2)...].firstIndex(of: UInt8(ascii: "\""))
            else { break }
            attributes[String(decoding: rest[nameStart..<equals], as: UTF8.self)] =
                String(decoding: rest[(equals + 2)..<close], as: UTF8.self)
            rest = rest[(close + 1)...]
        }
        return attributes
    }

    private static func decoded(_ bytes: Bytes) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        SGMLEntities.decode(bytes, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    private static func trimmed(_ bytes: Bytes) -> Bytes {
        guard let first = bytes.firstIndex(where: { !isWhitespace($0) }),
              let last = bytes.lastIndex(where: { !isWhitespace($0) })
        else { return bytes[bytes.startIndex..<bytes.startIndex] }
        return bytes[first...last]
    }

    /// The story text of `bytes`: entities decoded, U+0002/U+0003 and surrounding whitespace removed, and
    /// a last line that only signs the story off ("Reuter", "REUTER", "reuter...") dropped.
    private static func withoutSignOff(_ bytes: Bytes) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count)
        SGMLEntities.decode(bytes, into: &text)
        text.removeAll { $0 == 0x02 || $0 == 0x03 }
        text.removeFirst(text.firstIndex(where: { !isWhitespace($0) }) ?? text.count)
        text.removeLast(text.count - (text.lastIndex(where: { !isWhitespace($0) }).map { $0 + 1 } ?? 0))
        let lastLineStart = (text.lastIndex(of: UInt8(ascii: "\n")) ?? -1) + 1
        var lastLine = String(decoding: text[lastLineStart...], as: UTF8.self).drop(while: \.isWhitespace).lowercased()
        if lastLine.hasSuffix("^m") { lastLine.removeLast(2) }
        while lastLine.hasSuffix(".") { lastLine.removeLast() }
        if lastLine == "reuter" || lastLine == "reuters" {
            text.removeLast(text.count - lastLineStart)
            text.removeLast(text.count - (text.lastIndex(where: { !isWhitespace($0) }).map { $0 + 1 } ?? 0))
        }
        return String(decoding: text, as: UTF8.self)
    }
}

/// Character references in SGML text, as Reuters-21578 uses them.
enum SGMLEntities {
    /// `text` (UTF-8) with `&lt;`, `&gt;`, `&amp;`, `&quot;`, `&apos;` and numeric references (`&#3;`,
    /// `&#x41;`) replaced by their characters, appended to `output`. Anything else, such as an unknown
    /// name or an invalid number, is kept as it is. Linear time.
    static func decode(_ text: UnsafeBufferPointer<UInt8>.SubSequence, into output: inout [UInt8]) {
        var index = text.startIndex
        while index < text.endIndex {
            let byte = text[index]
            guard byte == UInt8(ascii: "&"),
                  let semicolon = text[index..<min(index + 12, text.endIndex)].firstIndex(of: UInt8(ascii: ";")),
                  let scalar = scalar(named: text[(index + 1)..<semicolon])
            else {
                output.append(byte)
                index += 1
                continue
            }
            output.append(contentsOf: String(Character(scalar)).utf8)
            index = semicolon + 1
        }
    }

    private static func scalar(named name: UnsafeBufferPointer<UInt8>.SubSequence) -> Unicode.Scalar? {
        let name = String(decoding: name, as: UTF8.self)
        switch name {
        case "lt": return "<"
        case "gt": return ">"
        case "amp": return "&"
        case "quot": return "\""
        case "apos": return "'"
        default:
            guard name.hasPrefix("#") else { return nil }
            let digits = name.dropFirst()
            let value = digits.hasPrefix("x") || digits.hasPrefix("X")
                ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            return value.flatMap(Unicode.Scalar.init)
        }
    }
}

/// Substring search in UTF-8 bytes, for the SGML reader.
enum ByteSearch {
    /// The range of the first occurrence of `needle` (not empty) in `bytes`. Finds candidates with `memchr`
    /// on the first byte, then compares: O(n·m) in the worst case, near O(n) on text.
    static func firstRange(of needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>.SubSequence) -> Range<Int>? {
        precondition(!needle.isEmpty, "cannot search for an empty needle")
        guard let base = bytes.base.baseAddress else { return nil }
        var start = bytes.startIndex
        while bytes.endIndex - start >= needle.count,
              let found = memchr(base + start, Int32(needle[0]), bytes.endIndex - start - needle.count + 1)
        {
            let index = UnsafeRawPointer(found) - UnsafeRawPointer(base)
            if memcmp(base + index, needle, needle.count) == 0 { return index..<(index + needle.count) }
            start = index + 1
        }
        return nil
    }
}
