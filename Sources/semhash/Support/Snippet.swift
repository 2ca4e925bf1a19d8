/// `text` on one line (white space folded), cut to `limit` characters with an ellipsis.
func snippet(_ text: String, limit: Int = 160) -> String {
    let words = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    return words.count > limit ? String(words.prefix(limit - 1)) + "…" : words
}
