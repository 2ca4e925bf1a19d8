import NIOCore
import PostgresNIO
import SemanticHashing

/// Reading the store into a local SQLite index: `semhash copy` out of the store, the replicas' first copy, and
/// the pages of documents and codes a replica fetches as it follows the change log.
extension PostgresStore {
    /// Copies the store into the empty local index `destination`, keeping the store's document ids, from one
    /// snapshot of the store, and returns the change-log position of that snapshot (the last change it
    /// holds). The local index gets its rows in several transactions: fill a new file.
    @discardableResult
    public func export(into destination: IndexStore) async throws -> Int64 {
        try await snapshot {
            let position = formatVersion >= 3
                ? try await rows("SELECT coalesce(max(position), 0) FROM semhash.changes")[0].decode(Int64.self) : 0
            try await exportHeader(into: destination, checkpoints: true)
            var last: Int64 = -1
            while true {
                let page = try await documentRows(after: last)
                guard let lastRow = page.last else { break }
                try destination.appendTransferred(documents: page)
                last = lastRow.id
            }
            last = -1
            while true {
                let page = try await codeRows(after: last)
                guard let lastRow = page.last else { break }
                try destination.appendTransferred(codes: page)
                last = lastRow.documentID
            }
            var topics: [StoredTopicRow] = []
            for row in try await rows(
                "SELECT id, size, decoder_words, distinctive_words, centroid FROM semhash.topics ORDER BY id") {
                let (id, size, decoderWords, distinctiveWords, centroid) =
                    try row.decode((Int, Int, String, String, ByteBuffer).self)
                topics.append(StoredTopicRow(id: id, size: size, decoderWordsJSON: decoderWords,
                                             distinctiveWordsJSON: distinctiveWords, centroid: Array(buffer: centroid)))
            }
            var assignments: [TopicAssignment] = []
            for row in try await rows(
                """
                SELECT t.document_id, t.topic_id, t.distance FROM semhash.document_topics AS t
                JOIN semhash.documents AS d ON d.id = t.document_id ORDER BY t.document_id
                """) {
                let (id, topic, distance) = try row.decode((Int64, Int, Float).self)
                assignments.append(TopicAssignment(documentID: id, topicID: topic, distance: distance))
            }
            try destination.appendTransferred(topics: topics, assignments: assignments)
            return position
        }
    }

    private static let documentColumns = """
        SELECT id, external_id, title, source, labels, token_count, oov_count, excerpt, bag, empty,
            to_char(added_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') FROM semhash.documents
        """

    /// A page of document rows with ids above `id`, in increasing id.
    func documentRows(after id: Int64) async throws -> [StoredDocumentRow] {
        try await documentRows(PostgresQuery(unsafeSQL: Self.documentColumns
            + " WHERE id > $1 ORDER BY id LIMIT \(Self.pageSize)", binds: try binds(id)))
    }

    /// The rows of the documents with these ids that exist, in increasing id.
    func documentRows(ids: [Int64]) async throws -> [StoredDocumentRow] {
        try await documentRows(PostgresQuery(unsafeSQL: Self.documentColumns + " WHERE id = ANY ($1) ORDER BY id",
                                             binds: try binds(ids)))
    }

    private func documentRows(_ query: PostgresQuery) async throws -> [StoredDocumentRow] {
        try await rows(query).map { row in
            let (id, externalID, title, source, labels, tokens, oov, excerpt, bag, empty, addedAt) = try row.decode(
                (Int64, String, String, String, String, Int, Int, String, ByteBuffer, Bool, String).self)
            return StoredDocumentRow(
                id: id, externalID: externalID, title: title, source: source, labelsJSON: labels, tokenCount: tokens,
                outOfVocabularyCount: oov, excerpt: excerpt, bag: Array(buffer: bag), isEmpty: empty, addedAt: addedAt)
        }
    }

    /// The codes of stored documents (a code without its document is not read): a page above `id`.
    private static let codeColumns = """
        SELECT c.document_id, c.code, c.hash FROM semhash.codes AS c JOIN semhash.documents AS d ON d.id = c.document_id
        """

    /// A page of code rows with document ids above `id`, in increasing document id.
    func codeRows(after id: Int64) async throws -> [StoredCodeRow] {
        try await codeRows(PostgresQuery(unsafeSQL: Self.codeColumns
            + " WHERE c.document_id > $1 ORDER BY c.document_id LIMIT \(Self.pageSize)", binds: try binds(id)))
    }

    /// The code rows of these documents, those that have one, in increasing document id.
    func codeRows(ids: [Int64]) async throws -> [StoredCodeRow] {
        try await codeRows(PostgresQuery(unsafeSQL: Self.codeColumns
            + " WHERE c.document_id = ANY ($1) ORDER BY c.document_id", binds: try binds(ids)))
    }

    private func codeRows(_ query: PostgresQuery) async throws -> [StoredCodeRow] {
        try await rows(query).map { row in
            let (id, code, hash) = try row.decode((Int64, ByteBuffer, [Int64]).self)
            return StoredCodeRow(documentID: id, code: Array(buffer: code), hash: HashWords.blob(fromBigints: hash))
        }
    }

    private func binds(_ value: some PostgresEncodable) throws -> PostgresBindings {
        var bindings = PostgresBindings()
        try bindings.append(value)
        return bindings
    }

    /// Copies the store's meta, vocabulary, model and (with `checkpoints`) checkpoints into the empty local
    /// index `destination`: all a writer needs to encode documents as the store's were.
    func exportHeader(into destination: IndexStore, checkpoints includingCheckpoints: Bool) async throws {
        var terms: [StoredTerm] = []
        let word = formatVersion >= 2 ? "word" : "NULL::text"
        for row in try await rows(PostgresQuery(unsafeSQL:
            "SELECT term_id, term, document_frequency, \(word) FROM semhash.vocabulary ORDER BY term_id")) {
            let (termID, term, frequency, word) = try row.decode((Int, String, Int, String?).self)
            terms.append(StoredTerm(termID: termID, term: term, documentFrequency: frequency, word: word))
        }
        var model: StoredModel?
        for row in try await rows("""
            SELECT architecture, weights, vocabulary_fingerprint, training, \(unescaped: Self.isoTime("trained_at"))
            FROM semhash.model WHERE id = 1
            """) {
            let (architecture, weights, fingerprint, training, trainedAt) =
                try row.decode((String, ByteBuffer, String, String?, String).self)
            model = StoredModel(architectureJSON: architecture, weights: Array(buffer: weights),
                                vocabularyFingerprint: fingerprint, trainingJSON: training, trainedAt: trainedAt)
        }
        var checkpoints: [StoredCheckpoint] = []
        if includingCheckpoints {
            for row in try await rows(
                "SELECT name, data, \(unescaped: Self.isoTime("saved_at")) FROM semhash.checkpoints ORDER BY name") {
                let (name, data, savedAt) = try row.decode((String, ByteBuffer, String).self)
                checkpoints.append(StoredCheckpoint(name: name, data: Array(buffer: data), savedAt: savedAt))
            }
        }
        try destination.fillTransferred(metadata: try await metadata(), terms: terms, model: model,
                                        checkpoints: checkpoints)
    }
}
