/// The SQL of each schema version of the index file. `SCHEMA.md` beside this file describes the same
/// tables for users.
enum IndexSchema {
    /// Schema version 1: the tables `SCHEMA.md` describes column by column (with version 2's additions).
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

    /// The wordless documents, whose codes searches leave out (`IndexStore.loadCodes`): without it, finding
    /// them reads every document's row past its bag of words.
    static let version3 = """
        CREATE INDEX documents_wordless ON documents(id) WHERE empty;
        """

    /// The current time as SQL: ISO 8601 in UTC with milliseconds, for `*_at` columns.
    static let now = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
}
