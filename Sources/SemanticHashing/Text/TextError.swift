/// Failures of the text layer: a tokenizer that cannot be built from its configuration.
public enum TextError: Error, Equatable, CustomStringConvertible {
    /// No Snowball stemmer has this name; `available` lists the names that exist.
    case unknownStemmer(name: String, available: [String])
    /// ICU could not open a word segmenter for the locale (`reason` is ICU's error name).
    case segmenterUnavailable(locale: String, reason: String)

    public var description: String {
        switch self {
        case let .unknownStemmer(name, available):
            return "unknown stemmer \"\(name)\"; available stemmers: \(available.joined(separator: ", "))"
        case let .segmenterUnavailable(locale, reason):
            return "cannot open an ICU word segmenter for locale \"\(locale)\": \(reason)"
        }
    }
}
