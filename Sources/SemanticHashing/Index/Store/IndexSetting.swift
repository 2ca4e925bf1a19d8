/// The name of a setting stored in the index's `meta` table (as `setting.<name>`), such as the text and
/// vocabulary configuration the index was built with, so that later commands process text the same way.
public struct IndexSetting: RawRepresentable, Hashable, Sendable {
    public let rawValue: String

    public init(rawValue: String) {
        precondition(!rawValue.isEmpty, "a setting needs a name")
        self.rawValue = rawValue
    }

    /// The text processing configuration (tokenizer, stop words, stemming), as JSON.
    public static let textConfiguration = IndexSetting(rawValue: "text_configuration")
    /// The vocabulary configuration (size, frequency limits), as JSON.
    public static let vocabularyConfiguration = IndexSetting(rawValue: "vocabulary_configuration")
    /// Where the corpus was read from (a path).
    public static let corpusSource = IndexSetting(rawValue: "corpus_source")
    /// The corpus format (for example `20news`, `reuters`, `jsonl`).
    public static let corpusFormat = IndexSetting(rawValue: "corpus_format")
}
