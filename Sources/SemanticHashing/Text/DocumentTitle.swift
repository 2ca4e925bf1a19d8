/// Titles for documents whose format has none.
public enum DocumentTitle {
    /// The longest title `firstLine(of:)` returns, in characters.
    public static let maximumLength = 80

    /// The first line of `text` that is not blank, without surrounding whitespace, cut to `maximumLength`
    /// characters; empty when the text is blank.
    public static func firstLine(of text: String) -> String {
        for line in text.split(whereSeparator: \.isNewline) {
            guard let first = line.firstIndex(where: { !$0.isWhitespace }),
                  let last = line.lastIndex(where: { !$0.isWhitespace })
            else { continue }
            return String(line[first...last].prefix(maximumLength))
        }
        return ""
    }
}
