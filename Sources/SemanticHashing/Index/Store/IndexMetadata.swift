/// The keys of the `meta` table that the store itself maintains (settings live under `setting.`).
enum IndexMetaKey {
    /// The schema version (an integer), set by each migration.
    static let formatVersion = "format_version"
    /// When the index file was created (ISO 8601, UTC).
    static let createdAt = "created_at"
    /// The semhash version that created the file.
    static let semhashVersion = "semhash_version"
    /// The number of training documents the vocabulary's document frequencies were counted over.
    static let vocabularyDocumentCount = "vocabulary_document_count"
    /// The length of every real-valued code in `codes.code` (Float32 values).
    static let codeDimension = "code_dimension"
    /// The number of bits of every binary hash in `codes.hash`.
    static let hashBits = "hash_bits"
    /// The prefix of user settings: `setting.<name>`.
    static let settingPrefix = "setting."
}

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
    /// The cleaning of raw text the corpus was read with (`TextCleaning`'s raw value), when its reader takes one.
    public static let textCleaning = IndexSetting(rawValue: "text_cleaning")

    /// The setting's key in the metadata `IndexStore.metadata()` and `PostgresStore.metadata()` return.
    public var metadataKey: String { IndexMetaKey.settingPrefix + rawValue }
}

extension TextCleaning {
    /// The cleaning an index's corpus was read with, from the index's metadata (`IndexSetting.textCleaning`);
    /// nil when none is recorded: an index made before the setting existed, or from a reader that takes no
    /// cleaning.
    public static func recorded(in metadata: [String: String]) -> TextCleaning? {
        metadata[IndexSetting.textCleaning.metadataKey].flatMap(TextCleaning.init(rawValue:))
    }
}

/// How an `IndexStore` connection behaves. The defaults suit the command-line tool.
public struct IndexOptions: Sendable, Equatable {
    /// How long a write waits for another process's write to finish before failing with
    /// `IndexError.busy`. Default 5 seconds.
    public var busyTimeout: Duration
    /// How many characters of a document's text are kept as its excerpt (shown in results). Default 500.
    public var excerptLength: Int

    public init(busyTimeout: Duration = .seconds(5), excerptLength: Int = 500) {
        precondition(excerptLength >= 0, "an excerpt cannot have a negative length")
        self.busyTimeout = busyTimeout
        self.excerptLength = excerptLength
    }
}
