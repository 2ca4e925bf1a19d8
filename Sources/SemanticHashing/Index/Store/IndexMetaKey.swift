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
