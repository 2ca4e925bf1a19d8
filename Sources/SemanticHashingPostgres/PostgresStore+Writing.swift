import NIOCore
import PostgresNIO
import SemanticHashing

/// Writing a local SQLite index's documents into the store: `semhash copy` into the store, and the writers
/// (`add`, `index`), which encode into a local index and then write its documents here; removals.
extension PostgresStore {
    /// How the documents of a local index are written into the store.
    public enum Writing: Sendable {
        /// The whole index into a store without documents: meta, vocabulary, model, checkpoints, documents,
        /// codes and topics (`semhash copy`).
        case wholeIndex
        /// Its documents and codes, added to the store's or replacing those with the same external ids; the
        /// local index must have been encoded with the store's model (`semhash add`).
        case documents
        /// The index that `semhash index` read a corpus into from the store's header (`withLocalHeader`): the
        /// whole index when the store has no documents, else its documents. A run that found the store empty
        /// and was overtaken by another run's write adds its documents when it chose the vocabulary the store
        /// now has and the store has no model yet, as a later run would; otherwise it is refused
        /// (`modelMismatch`).
        case indexRun
    }

    /// What a write changed.
    public struct WriteCounts: Sendable, Equatable {
        /// Documents written (added or replaced).
        public var documents: Int
        /// Codes written.
        public var codes: Int
        /// Of the documents written, those that replaced a stored document of the same id.
        public var replaced: Int
    }

    /// How many rows a page of the local index holds while it is streamed.
    static let pageSize = 5_000

    /// Writes the documents (and, for `.wholeIndex`, everything else) of the local index `source` into the
    /// store, in one transaction that also notifies the serving replicas (`semhash_changes`). Document ids are
    /// the store's (`semhash_document_id(external_id)`), not the local ones.
    ///
    /// Throws `notEmpty` when a whole index is written into a store with documents, `modelMismatch` when
    /// documents read with another model or vocabulary than the store's are added, `codeShapeMismatch` for
    /// codes of another dimension or bit count, `hashTooLong` for hashes longer than the store holds, and
    /// `idCollision` when two external ids share a document id. A lock that another writer (or a training
    /// adopting its model) holds longer than `waiting` makes it fail with `IndexError.busy`, writing nothing.
    @discardableResult
    public func write(from source: IndexStore, _ writing: Writing, waiting: Duration = IndexOptions().busyTimeout)
        async throws -> WriteCounts
    {
        try await transaction(lockWait: waiting) {
            // COPY names its table quoted and unqualified (PostgresNIO's copyFrom): the store's tables by name.
            try await query("SET LOCAL search_path = semhash")
            let sourceMeta = try source.transferableMetadata()
            if let bits = sourceMeta["hash_bits"].flatMap(Int.init) { try checkHashBits(bits) }
            let wholeIndex = try await writesWholeIndex(writing)
            if wholeIndex {
                // A store emptied by removals still holds a model, topics and checkpoints: the copy replaces them.
                for table in ["document_topics", "topics", "checkpoints", "model"] {
                    try await query(PostgresQuery(unsafeSQL: "DELETE FROM semhash.\(table)"))
                }
                try await writeHeader(of: source, metadata: sourceMeta)
            } else {
                try await checkModel(of: source)
                try await claimCodeShape(sourceMeta)
            }
            try await query("""
                CREATE TEMPORARY TABLE transfer_documents (local_id bigint PRIMARY KEY, external_id text NOT NULL,
                    title text NOT NULL, source text NOT NULL, labels text NOT NULL, token_count integer NOT NULL,
                    oov_count integer NOT NULL, excerpt text NOT NULL, bag bytea NOT NULL, empty boolean NOT NULL,
                    added_at timestamptz NOT NULL,
                    id bigint GENERATED ALWAYS AS (semhash.semhash_document_id(external_id)) STORED) ON COMMIT DROP
                """)
            try await query("""
                CREATE TEMPORARY TABLE transfer_codes (local_id bigint PRIMARY KEY, code bytea NOT NULL,
                    hash bigint[] NOT NULL) ON COMMIT DROP
                """)
            let documents = try await copyDocuments(of: source)
            let codes = try await copyCodes(of: source)
            try await query("ANALYZE transfer_documents")
            try await query("ANALYZE transfer_codes")
            try await checkCollisions()
            let replaced = try await rows("""
                SELECT count(*) FROM transfer_documents AS t JOIN semhash.documents AS d USING (id)
                """)[0].decode(Int.self)
            if !wholeIndex {
                // A document whose words change loses its topic (it no longer describes it) and its code.
                try await query("""
                    DELETE FROM semhash.document_topics AS assigned USING transfer_documents AS t, semhash.documents AS d
                    WHERE d.id = t.id AND assigned.document_id = d.id AND d.bag <> t.bag
                    """)
                try await query("""
                    DELETE FROM semhash.codes AS c USING transfer_documents AS t
                    WHERE c.document_id = t.id
                    """)
            }
            try await query("""
                INSERT INTO semhash.documents (id, external_id, title, source, labels, token_count, oov_count, excerpt,
                    bag, empty, added_at)
                SELECT id, external_id, title, source, labels, token_count, oov_count, excerpt, bag, empty, added_at
                FROM transfer_documents ORDER BY id
                ON CONFLICT (id) DO UPDATE SET title = excluded.title, source = excluded.source, labels = excluded.labels,
                    token_count = excluded.token_count, oov_count = excluded.oov_count, excerpt = excluded.excerpt,
                    bag = excluded.bag, empty = excluded.empty
                """)
            // Each code is flagged with its document's emptiness, which the search functions leave out (format 5).
            try await query("""
                INSERT INTO semhash.codes (document_id, code, hash, wordless)
                SELECT t.id, c.code, c.hash, t.empty
                FROM transfer_codes AS c JOIN transfer_documents AS t USING (local_id) ORDER BY t.id
                ON CONFLICT (document_id) DO UPDATE SET code = excluded.code, hash = excluded.hash,
                    wordless = excluded.wordless
                """)
            if wholeIndex {
                try await writeTopics(of: source)
                // Another model and vocabulary: replicas and kept copies of this store copy it anew.
                try await logChanges("VALUES (NULL::bigint)")
            } else {
                try await logChanges("SELECT id FROM transfer_documents")
            }
            return WriteCounts(documents: documents, codes: codes, replaced: replaced)
        }
    }

    /// Removes the documents with these external ids, with their codes and topic assignments, in one
    /// transaction that notifies the replicas; returns the external ids of those removed. Fails with
    /// `IndexError.busy`, removing nothing, when another writer holds a lock it needs longer than `waiting`.
    public func removeDocuments(externalIDs: [String], waiting: Duration = IndexOptions().busyTimeout)
        async throws -> Set<String>
    {
        try await transaction(lockWait: waiting) {
            let (removed, removedExternalIDs) = try await rows("""
                WITH removed AS (
                    DELETE FROM semhash.documents
                    WHERE id = ANY (SELECT semhash.semhash_document_id(e) FROM unnest(\(externalIDs)::text[]) AS e)
                        AND external_id = ANY (\(externalIDs)::text[])
                    RETURNING id, external_id)
                SELECT coalesce(array_agg(id), '{}'), coalesce(array_agg(external_id), '{}') FROM removed
                """)[0].decode(([Int64], [String]).self)
            try await query("DELETE FROM semhash.codes WHERE document_id = ANY (\(removed))")
            try await query("DELETE FROM semhash.document_topics WHERE document_id = ANY (\(removed))")
            if !removed.isEmpty {
                try await logChanges("SELECT unnest('{\(removed.map(String.init).joined(separator: ","))}'::bigint[])")
            }
            return Set(removedExternalIDs)
        }
    }

    // MARK: Parts of a write

    /// The advisory lock writers append to the change log under ("semc"), held until they commit.
    static let changeLogLock = 0x7365_6D63

    /// Appends the document ids `select` returns to the change log (a NULL id: the whole store changed), in
    /// commit order, prunes the entries older than the log's retention, and notifies the replicas (delivered
    /// when the transaction commits).
    func logChanges(_ select: String) async throws {
        try await query("SELECT pg_advisory_xact_lock(\(Self.changeLogLock))")
        try await query(PostgresQuery(unsafeSQL: "INSERT INTO semhash.changes (document_id) \(select)"))
        try await query("""
            WITH pruned AS (
                DELETE FROM semhash.changes
                WHERE changed_at < clock_timestamp() - (SELECT retention FROM semhash.change_log WHERE id = 1)
                RETURNING position)
            UPDATE semhash.change_log SET pruned_through = greatest(pruned_through, (SELECT max(position) FROM pruned))
            WHERE id = 1 AND EXISTS (SELECT 1 FROM pruned)
            """)
        try await query("NOTIFY semhash_changes")
    }

    /// A `timestamptz` column as SQLite's ISO 8601 UTC text with milliseconds.
    static func isoTime(_ column: String) -> String {
        "to_char(\(column) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"
    }

    /// Meta, vocabulary, model and checkpoints of a whole index.
    private func writeHeader(of source: IndexStore, metadata: [String: String]) async throws {
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
            try await query("""
                INSERT INTO semhash.meta (key, value) VALUES (\(key), \(value))
                ON CONFLICT (key) DO UPDATE SET value = excluded.value
                """)
        }
        try await query("DELETE FROM semhash.vocabulary")
        try await copyTerms(try source.terms())
        if let model = try source.loadModel() { try await upsertModel(model) }
        for checkpoint in try source.checkpoints() {
            try await query("""
                INSERT INTO semhash.checkpoints (name, data, saved_at)
                VALUES (\(checkpoint.name), \(ByteBuffer(bytes: checkpoint.data)), \(checkpoint.savedAt)::timestamptz)
                ON CONFLICT (name) DO UPDATE SET data = excluded.data, saved_at = excluded.saved_at
                """)
        }
    }

    /// Streams vocabulary rows into `semhash.vocabulary` (the search path set to `semhash`).
    private func copyTerms(_ terms: [StoredTerm]) async throws {
        try await copy(into: "vocabulary", columns: ["term_id", "term", "document_frequency", "word"]) { send in
            var rows = CopyText()
            for term in terms {
                rows.integer(term.termID)
                rows.text(term.term)
                rows.integer(term.documentFrequency)
                rows.optionalText(term.word)
                rows.endRow()
            }
            try await send(&rows.buffer)
        }
    }

    /// Whether `writing` writes the whole index, which takes a lock on the documents that holds off the other
    /// writers until the transaction ends, so that no document comes in before the header is replaced.
    private func writesWholeIndex(_ writing: Writing) async throws -> Bool {
        switch writing {
        case .documents:
            return false
        case .wholeIndex, .indexRun:
            // An index run into a store with documents adds to them, and other writers may go on meanwhile.
            if writing == .indexRun, try await counts().documents > 0 { return false }
            try await query("LOCK TABLE semhash.documents IN SHARE ROW EXCLUSIVE MODE")
            guard try await counts().documents > 0 else { return true }
            guard writing == .indexRun else { throw PostgresStoreError.notEmpty(location.description) }
            return false
        }
    }

    /// Makes `model` the store's model, its training time kept (now when it has none).
    func upsertModel(_ model: StoredModel) async throws {
        try await query("""
            INSERT INTO semhash.model (id, architecture, weights, vocabulary_fingerprint, trained_at, training)
            VALUES (1, \(model.architectureJSON), \(ByteBuffer(bytes: model.weights)), \(model.vocabularyFingerprint),
                coalesce(\(model.trainedAt)::timestamptz, now()), \(model.trainingJSON))
            ON CONFLICT (id) DO UPDATE SET architecture = excluded.architecture, weights = excluded.weights,
                vocabulary_fingerprint = excluded.vocabulary_fingerprint, trained_at = excluded.trained_at,
                training = excluded.training
            """)
    }

    /// The local index must read the store's vocabulary with the store's model, or, when neither has a model
    /// yet (documents written before the first training), the store's vocabulary. The model row is read under
    /// a share lock held to the end of the write, so that a retraining (`adopt`) cannot commit in between.
    private func checkModel(of source: IndexStore) async throws {
        let stored = try await rows("SELECT vocabulary_fingerprint, weights FROM semhash.model WHERE id = 1 FOR SHARE")
            .first.map { try $0.decode((String, ByteBuffer).self) }
        let local = try source.loadModel()
        if stored == nil, local == nil {
            let storedTerms = try await rows("SELECT term FROM semhash.vocabulary ORDER BY term_id")
                .map { try $0.decode(String.self) }
            guard storedTerms == (try source.terms()).map(\.term) else {
                throw PostgresStoreError.modelMismatch(location.description)
            }
            return
        }
        guard let stored, let local, local.vocabularyFingerprint == stored.0, local.weights == Array(buffer: stored.1)
        else { throw PostgresStoreError.modelMismatch(location.description) }
    }

    /// Records the local codes' shape as the store's when it has none, and refuses codes of another shape.
    /// Writers that start on an empty store at once agree: the first to commit sets it, the others compare.
    private func claimCodeShape(_ sourceMeta: [String: String]) async throws {
        guard let dimension = sourceMeta["code_dimension"], let bits = sourceMeta["hash_bits"] else { return }
        try await query("""
            INSERT INTO semhash.meta (key, value) VALUES ('code_dimension', \(dimension)), ('hash_bits', \(bits))
            ON CONFLICT (key) DO NOTHING
            """)
        let stored = try await metadata()
        guard stored["code_dimension"] == dimension, stored["hash_bits"] == bits else {
            throw PostgresStoreError.codeShapeMismatch(
                location.description, found: "\(dimension)-dimensional with \(bits)-bit hashes",
                stored: "\(stored["code_dimension"] ?? "?")-dimensional with \(stored["hash_bits"] ?? "?")-bit hashes")
        }
    }

    /// Streams the local documents into `transfer_documents`; returns how many.
    private func copyDocuments(of source: IndexStore) async throws -> Int {
        var count = 0
        try await copy(into: "transfer_documents", columns: [
            "local_id", "external_id", "title", "source", "labels", "token_count", "oov_count", "excerpt", "bag",
            "empty", "added_at",
        ]) { send in
            var last: Int64 = .min
            var rows = CopyText()
            while true {
                let page = try source.documentRows(after: last, limit: Self.pageSize)
                guard let lastRow = page.last else { break }
                for document in page {
                    rows.integer(document.id)
                    rows.text(document.externalID)
                    rows.text(document.title)
                    rows.text(document.source)
                    rows.text(document.labelsJSON)
                    rows.integer(document.tokenCount)
                    rows.integer(document.outOfVocabularyCount)
                    rows.text(document.excerpt)
                    rows.bytes(document.bag)
                    rows.boolean(document.isEmpty)
                    rows.text(document.addedAt)
                    rows.endRow()
                }
                try await send(&rows.buffer)
                count += page.count
                last = lastRow.id
            }
        }
        return count
    }

    /// Streams the local codes into `transfer_codes`; returns how many.
    private func copyCodes(of source: IndexStore) async throws -> Int {
        var count = 0
        try await copy(into: "transfer_codes", columns: ["local_id", "code", "hash"]) { send in
            var last: Int64 = .min
            var rows = CopyText()
            while true {
                let page = try source.codeRows(after: last, limit: Self.pageSize)
                guard let lastRow = page.last else { break }
                for code in page {
                    guard let words = HashWords.bigints(fromBlob: code.hash) else {
                        throw IndexError.corrupt(source.path, "the hash of document \(code.documentID) is not whole words")
                    }
                    rows.integer(code.documentID)
                    rows.bytes(code.code)
                    rows.bigintArray(words)
                    rows.endRow()
                }
                try await send(&rows.buffer)
                count += page.count
                last = lastRow.documentID
            }
        }
        return count
    }

    /// Two external ids with one document id, among those written or against the stored ones.
    private func checkCollisions() async throws {
        let found = try await rows("""
            (SELECT t.external_id, d.external_id FROM transfer_documents AS t
                JOIN semhash.documents AS d ON d.id = t.id WHERE d.external_id <> t.external_id LIMIT 1)
            UNION ALL
            (SELECT min(external_id), max(external_id) FROM transfer_documents GROUP BY id HAVING count(*) > 1 LIMIT 1)
            LIMIT 1
            """)
        if let row = found.first {
            let (one, other) = try row.decode((String, String).self)
            throw PostgresStoreError.idCollision(
                location.description, "external ids \(one) and \(other) have the same document id (SHA-256 prefix)")
        }
    }

    /// Topics and topic assignments of a whole index (assignments by the store's document ids).
    private func writeTopics(of source: IndexStore) async throws {
        let topics = try source.topicRows()
        let assignments = try source.loadTopicAssignments()
        guard !topics.isEmpty || !assignments.isEmpty else { return }
        try await copyTopics(topics)
        try await copyAssignments(assignments, intoTemporaryTable: "transfer_topics", documentColumn: "local_id")
        try await query("""
            INSERT INTO semhash.document_topics (document_id, topic_id, distance)
            SELECT d.id, t.topic_id, t.distance
            FROM transfer_topics AS t JOIN transfer_documents AS d USING (local_id)
            """)
    }

    /// Creates the temporary table `name` (`documentColumn` bigint primary key, topic_id, distance; dropped at
    /// commit) and streams `assignments` into it, each document id into `documentColumn`.
    func copyAssignments(_ assignments: [TopicAssignment], intoTemporaryTable name: String,
                         documentColumn: String) async throws {
        try await query("""
            CREATE TEMPORARY TABLE \(unescaped: name) (\(unescaped: documentColumn) bigint PRIMARY KEY,
                topic_id integer NOT NULL, distance real NOT NULL) ON COMMIT DROP
            """)
        try await copy(into: name, columns: [documentColumn, "topic_id", "distance"]) { send in
            var rows = CopyText()
            for assignment in assignments {
                rows.integer(assignment.documentID)
                rows.integer(assignment.topicID)
                rows.real(assignment.distance)
                rows.endRow()
            }
            try await send(&rows.buffer)
        }
    }

    /// Streams topic rows into `semhash.topics` (the search path set to `semhash`).
    func copyTopics(_ topics: [StoredTopicRow]) async throws {
        try await copy(into: "topics", columns: ["id", "size", "decoder_words", "distinctive_words", "centroid"]) {
            send in
            var rows = CopyText()
            for topic in topics {
                rows.integer(topic.id)
                rows.integer(topic.size)
                rows.text(topic.decoderWordsJSON)
                rows.text(topic.distinctiveWordsJSON)
                rows.bytes(topic.centroid)
                rows.endRow()
            }
            try await send(&rows.buffer)
        }
    }
}
