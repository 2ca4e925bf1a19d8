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
