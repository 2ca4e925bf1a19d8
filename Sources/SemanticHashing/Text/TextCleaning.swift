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
