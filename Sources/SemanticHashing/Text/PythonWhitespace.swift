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
