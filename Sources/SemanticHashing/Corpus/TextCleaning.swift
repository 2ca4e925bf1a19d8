/// What to remove from a document's raw text before tokenizing, and how to title it.
public enum TextCleaning: String, Codable, Sendable, CaseIterable {
    /// Keep the text as it is; the title is its first non-empty line.
    case none
    /// The text is a Usenet post or mail: drop header, signature and quoted lines (`UsenetCleaner`); the
    /// title is the `Subject:` header, or else the first non-empty line of the cleaned text.
    case usenet

    /// The cleaned text of `raw` and its title.
    public func apply(to raw: String) -> CleanedText {
        switch self {
        case .none:
            return CleanedText(text: raw, title: DocumentTitle.firstLine(of: raw))
        case .usenet:
            let text = UsenetCleaner.clean(raw)
            return CleanedText(text: text, title: UsenetCleaner.subject(of: raw) ?? DocumentTitle.firstLine(of: text))
        }
    }
}

/// A document's text after `TextCleaning`, with the title derived from it.
public struct CleanedText: Sendable, Equatable {
    public var text: String
    public var title: String

    public init(text: String, title: String) {
        self.text = text
        self.title = title
    }
}

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
