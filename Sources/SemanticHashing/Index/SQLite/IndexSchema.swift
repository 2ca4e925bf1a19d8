/// The SQL of each schema version of the index file. `SCHEMA.md` beside this file describes the same
/// tables for users.
enum IndexSchema {
    /// Schema version 1.
    ///
    /// - `meta(key, value)`: one row per fact about the file. Keys: `format_version` (schema version),
    ///   `created_at` (ISO 8601 UTC), `semhash_version` (the creating build), `vocabulary_document_count`
    ///   (documents the vocabulary's frequencies were counted over), `code_dimension` and `hash_bits` (shape
    ///   of the stored codes), and `setting.<name>` for settings such as `setting.text_configuration`
    ///   (JSON), `setting.vocabulary_configuration` (JSON), `setting.corpus_source`, `setting.corpus_format`.
    /// - `vocabulary(term_id, term, document_frequency)`: the model's input terms; `term_id` is the input
    ///   unit (0-based, contiguous), `document_frequency` the number of training documents containing it.
    /// - `documents(...)`: one row per indexed document. `id` is the internal id every other table refers to
    ///   (kept when the document is re-indexed); `external_id` the corpus id (unique); `title`, `source`
    ///   (file path, or path and record); `labels` a JSON array of strings; `token_count` the number of
    ///   tokens after text processing; `oov_count` those not in the vocabulary; `excerpt` the first
    ///   characters of the text; `bag` the bag of words as packed little-endian (Int32 term id, Float32 count)
    ///   pairs in increasing term id; `empty` 1 when no token is in the vocabulary (no code is computed);
    ///   `added_at` when the external id was first indexed (ISO 8601 UTC).
    /// - `model(id = 1, ...)`: the trained autoencoder, at most one row. `architecture` JSON (layer sizes,
    ///   units), `weights` the serialized parameters, `vocabulary_fingerprint` of the vocabulary it reads,
    ///   `trained_at` (ISO 8601 UTC), `training` JSON (settings and final losses).
    /// - `checkpoints(name, data, saved_at)`: training state saved so an interrupted training can resume.
    /// - `codes(document_id, code, hash)`: each document's real-valued code (little-endian Float32 values,
    ///   `code_dimension` of them) and binary hash (little-endian UInt64 words, bit `b` in word `b / 64` at
    ///   position `b % 64`, `hash_bits` bits); removed with the document.
    /// - `topics(id, size, decoder_words, distinctive_words, centroid)`: clusters of codes. `size` documents,
    ///   `decoder_words` JSON array of the words the decoder produces from the centroid, `distinctive_words`
    ///   JSON array of the words most over-represented in the topic, `centroid` little-endian Float32 code.
    /// - `document_topics(document_id, topic_id, distance)`: each document's topic and its Euclidean
    ///   distance to the topic's centroid; removed with the document or the topic.
    static let version1 = """
        CREATE TABLE meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE vocabulary (
            term_id INTEGER PRIMARY KEY,
            term TEXT NOT NULL UNIQUE,
            document_frequency INTEGER NOT NULL CHECK (document_frequency >= 0)
        );
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            external_id TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            source TEXT NOT NULL,
            labels TEXT NOT NULL,
            token_count INTEGER NOT NULL CHECK (token_count >= 0),
            oov_count INTEGER NOT NULL CHECK (oov_count >= 0),
            excerpt TEXT NOT NULL,
            bag BLOB NOT NULL,
            empty INTEGER NOT NULL CHECK (empty IN (0, 1)),
            added_at TEXT NOT NULL
        );
        CREATE TABLE model (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            architecture TEXT NOT NULL,
            weights BLOB NOT NULL,
            vocabulary_fingerprint TEXT NOT NULL,
            trained_at TEXT NOT NULL,
            training TEXT
        );
        CREATE TABLE checkpoints (
            name TEXT PRIMARY KEY,
            data BLOB NOT NULL,
            saved_at TEXT NOT NULL
        );
        CREATE TABLE codes (
            document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            code BLOB NOT NULL,
            hash BLOB NOT NULL
        );
        CREATE TABLE topics (
            id INTEGER PRIMARY KEY,
            size INTEGER NOT NULL CHECK (size >= 0),
            decoder_words TEXT NOT NULL,
            distinctive_words TEXT NOT NULL,
            centroid BLOB NOT NULL
        );
        CREATE TABLE document_topics (
            document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            topic_id INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
            distance REAL NOT NULL
        );
        CREATE INDEX document_topics_by_topic ON document_topics(topic_id);
        """

    /// Schema version 2: `vocabulary.word`, the surface form shown for each term (its most frequent
    /// case-folded word before stemming, `SurfaceForms`); NULL in files migrated from version 1 until their
    /// corpus is indexed again, and then the term itself is shown.
    static let version2 = """
        ALTER TABLE vocabulary ADD COLUMN word TEXT;
        """

    /// The current time as SQL: ISO 8601 in UTC with milliseconds, for `*_at` columns.
    static let now = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
}
