extension IndexStore {
    /// Adds a document with its bag of words, or updates the row of a document with the same external id,
    /// and returns its internal id (kept on update). An update that changes the bag of words deletes the
    /// document's code and topic assignment, which no longer describe it; one with the same bag keeps them.
    ///
    /// `tokenCount` is the number of tokens after text processing, in and out of the vocabulary.
    /// Call many upserts inside one `write { }`: each call alone is a whole transaction.
    @discardableResult
    public func upsertDocument(_ document: Document, bag: BagOfWords, tokenCount: Int) throws(IndexError) -> Int64 {
        precondition(tokenCount >= 0, "a token count cannot be negative")
        let labels = JSONStringArray.encode(document.labels)
        let excerpt = String(document.text.prefix(options.excerptLength))
        let bagBytes = LittleEndianBlob.bytes(of: bag)
        return try writeIndex { () throws(IndexError) -> Int64 in
            let (existing, existingBag) = try connection.withStatement("SELECT id, bag FROM documents WHERE external_id = ?") {
                statement throws(IndexError) -> (Int64?, [UInt8]) in
                try statement.bind(document.id, at: 1)
                return try statement.step() ? (statement.int64(at: 0), statement.blob(at: 1)) : (nil, [])
            }
            let sql = existing == nil
                ? "INSERT INTO documents(title, source, labels, token_count, oov_count, excerpt, bag, empty, "
                    + "external_id, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, \(IndexSchema.now))"
                : "UPDATE documents SET title = ?, source = ?, labels = ?, token_count = ?, oov_count = ?, "
                    + "excerpt = ?, bag = ?, empty = ? WHERE id = ?"
            try connection.run(sql) { statement throws(IndexError) in
                try statement.bind(document.title, at: 1)
                try statement.bind(document.source, at: 2)
                try statement.bind(labels, at: 3)
                try statement.bind(tokenCount, at: 4)
                try statement.bind(bag.outOfVocabularyCount, at: 5)
                try statement.bind(excerpt, at: 6)
                try statement.bind(blob: bagBytes, at: 7)
                try statement.bind(bag.isEmpty ? 1 : 0, at: 8)
                if let existing { try statement.bind(existing, at: 9) } else { try statement.bind(document.id, at: 9) }
            }
            guard let existing else { return connection.lastInsertedRowID }
            // The same words encode to the same code: its code and topic stay, and re-indexing loses nothing.
            guard existingBag != bagBytes else { return existing }
            for table in ["codes", "document_topics"] {
                try connection.run("DELETE FROM \(table) WHERE document_id = ?") { statement throws(IndexError) in
                    try statement.bind(existing, at: 1)
                }
            }
            return existing
        }
    }

    /// Removes the documents with these external ids, with their codes and topic assignments, and returns
    /// the external ids of those removed (ids not in the index are ignored).
    @discardableResult
    public func removeDocuments<S: Sequence<String>>(externalIDs: S) throws(IndexError) -> Set<String> {
        try writeIndex { () throws(IndexError) -> Set<String> in
            var removed: Set<String> = []
            try connection.withStatement("DELETE FROM documents WHERE external_id = ?") { statement throws(IndexError) in
                for externalID in externalIDs {
                    try statement.bind(externalID, at: 1)
                    try statement.run()
                    if connection.changes > 0 { removed.insert(externalID) }
                    statement.reset()
                }
            }
            return removed
        }
    }

    /// How many of these external ids name a document of the index (each id counted as often as it is given).
    public func documentCount<S: Sequence<String>>(externalIDs: S) throws(IndexError) -> Int {
        try readIndex { () throws(IndexError) -> Int in
            var found = 0
            try connection.withStatement("SELECT 1 FROM documents WHERE external_id = ?") { statement throws(IndexError) in
                for externalID in externalIDs {
                    try statement.bind(externalID, at: 1)
                    if try statement.step() { found += 1 }
                    statement.reset()
                }
            }
            return found
        }
    }

    /// The number of documents in the index, empty ones included.
    public func documentCount() throws(IndexError) -> Int {
        try connection.withStatement("SELECT count(*) FROM documents") { statement throws(IndexError) in
            _ = try statement.step()
            return statement.int(at: 0)
        }
    }

    /// The internal ids of all documents, in increasing order.
    public func documentIDs() throws(IndexError) -> [Int64] {
        try connection.withStatement("SELECT id FROM documents ORDER BY id") { statement throws(IndexError) in
            var ids: [Int64] = []
            while try statement.step() { ids.append(statement.int64(at: 0)) }
            return ids
        }
    }

    /// The document with this external id, or nil.
    public func document(externalID: String) throws(IndexError) -> StoredDocument? {
        try connection.withStatement("\(Self.documentColumns) WHERE external_id = ?") {
            statement throws(IndexError) -> StoredDocument? in
            try statement.bind(externalID, at: 1)
            return try statement.step() ? try storedDocument(statement) : nil
        }
    }

    /// The documents with these internal ids, in the order given; ids not in the index are skipped.
    /// One indexed lookup per id, so cheap for a page of search results.
    public func documents(ids: [Int64]) throws(IndexError) -> [StoredDocument] {
        try readIndex { () throws(IndexError) in
            try connection.withStatement("\(Self.documentColumns) WHERE id = ?") { statement throws(IndexError) in
                var documents: [StoredDocument] = []
                for id in ids {
                    try statement.bind(id, at: 1)
                    if try statement.step() { documents.append(try storedDocument(statement)) }
                    statement.reset()
                }
                return documents
            }
        }
    }

    /// Calls `body` with every document's internal id and bag of words, in increasing id order, reading
    /// one row at a time (memory stays flat however large the index). Empty bags are included.
    /// The whole pass sees one snapshot of the index; errors thrown by `body` end it and are rethrown.
    public func forEachBag(_ body: (Int64, BagOfWords) throws -> Void) throws {
        try read {
            let statement = try connection.borrowStatement("SELECT id, bag, oov_count FROM documents ORDER BY id")
            defer { connection.returnStatement(statement) }
            while try statement.step() {
                try body(statement.int64(at: 0), try bag(statement))
            }
        }
    }

    /// The bags of words of these internal ids; ids not in the index are absent from the result. Throws
    /// `corrupt` for a bag the index could not have written over its vocabulary (`BagOfWords.fault`).
    public func bags(ids: [Int64]) throws(IndexError) -> [Int64: BagOfWords] {
        try readIndex { () throws(IndexError) in
            // A malformed bag would be read out of bounds by the encoder and BM25, so it is refused here, where
            // every search and the topics read their bags. (Documents stored without a vocabulary have no terms
            // to check against; `IndexCheck` reports such an index.)
            let vocabularySize = try vocabularySize()
            return try connection.withStatement("SELECT id, bag, oov_count FROM documents WHERE id = ?") {
                statement throws(IndexError) in
                var bags: [Int64: BagOfWords] = [:]
                for id in ids {
                    try statement.bind(id, at: 1)
                    if try statement.step() {
                        let read = try bag(statement)
                        if vocabularySize > 0, let fault = read.fault(vocabularySize: vocabularySize) {
                            throw .corrupt(path, "the bag of words of document \(id) is malformed: \(fault)")
                        }
                        bags[id] = read
                    }
                    statement.reset()
                }
                return bags
            }
        }
    }

    /// How many documents carry each label.
    public func labelCounts() throws(IndexError) -> [String: Int] {
        try namingMalformedLabels { () throws(IndexError) in try labelCountsAsStored() }
    }

    private func labelCountsAsStored() throws(IndexError) -> [String: Int] {
        try connection.withStatement(
            "SELECT label.value, count(DISTINCT documents.id) FROM documents, json_each(documents.labels) AS label "
                + "GROUP BY label.value"
        ) { statement throws(IndexError) in
            var counts: [String: Int] = [:]
            while try statement.step() { counts[statement.text(at: 0)] = statement.int(at: 1) }
            return counts
        }
    }

    /// Every document's labels by internal id (unlabelled documents map to an empty list), for evaluation.
    /// SQLite unpacks the JSON, so this stays fast for large indexes.
    public func labelsByDocument() throws(IndexError) -> [Int64: [String]] {
        try namingMalformedLabels { () throws(IndexError) in try labelsByDocumentAsStored() }
    }

    private func labelsByDocumentAsStored() throws(IndexError) -> [Int64: [String]] {
        try connection.withStatement(
            "SELECT documents.id, label.value FROM documents LEFT JOIN json_each(documents.labels) AS label "
                + "ORDER BY documents.id, label.key"
        ) { statement throws(IndexError) in
            var labels: [Int64: [String]] = [:]
            while try statement.step() {
                let id = statement.int64(at: 0)
                if statement.isNull(at: 1) {
                    labels[id, default: []] = []
                } else {
                    labels[id, default: []].append(statement.text(at: 1))
                }
            }
            return labels
        }
    }

    /// The documents whose labels are not a JSON array of strings, as only a damaged or tampered file holds:
    /// how many, and the external id of the first. Nil when every document's labels are sound.
    public func malformedLabels() throws(IndexError) -> (count: Int, first: String)? {
        try connection.withStatement(
            "SELECT external_id FROM documents WHERE CASE WHEN json_valid(labels) THEN json_type(labels) <> 'array' "
                + "OR EXISTS (SELECT 1 FROM json_each(documents.labels) WHERE type <> 'text') ELSE 1 END ORDER BY id"
        ) { statement throws(IndexError) in
            var count = 0
            var first: String?
            while try statement.step() {
                count += 1
                if first == nil { first = statement.text(at: 0) }
            }
            return first.map { (count, $0) }
        }
    }

    /// Runs a query that unpacks the labels' JSON in SQLite; when it fails because a document's labels are
    /// malformed, the error says so (corrupt, naming the document) instead of SQLite's "malformed JSON".
    private func namingMalformedLabels<T>(_ query: () throws(IndexError) -> T) throws(IndexError) -> T {
        do {
            return try query()
        } catch {
            guard case .sqlite = error, let malformed = try malformedLabels() else { throw error }
            throw .corrupt(path, "the labels of \(malformed.count.counting("document")) are not a JSON array of strings; "
                               + "the first: '\(malformed.first)'")
        }
    }

    private static let documentColumns = "SELECT id, external_id, title, source, labels, token_count, oov_count, "
        + "excerpt, empty FROM documents"

    private func storedDocument(_ statement: SQLiteStatement) throws(IndexError) -> StoredDocument {
        let id = statement.int64(at: 0)
        guard let labels = JSONStringArray.decode(statement.text(at: 4)) else {
            throw .corrupt(path, "the labels of document \(id) are not a JSON array of strings")
        }
        return StoredDocument(
            id: id, externalID: statement.text(at: 1), title: statement.text(at: 2), source: statement.text(at: 3),
            labels: labels, tokenCount: statement.int(at: 5), outOfVocabularyCount: statement.int(at: 6),
            excerpt: statement.text(at: 7), isEmpty: statement.int64(at: 8) != 0)
    }

    /// The bag in columns 1 (blob) and 2 (out-of-vocabulary count) of a row whose column 0 is the id.
    private func bag(_ statement: SQLiteStatement) throws(IndexError) -> BagOfWords {
        let decoded = statement.withBlob(at: 1) { blob in
            LittleEndianBlob.bag(from: blob, outOfVocabularyCount: statement.int(at: 2))
        }
        guard let decoded else {
            throw .corrupt(path, "the bag of words of document \(statement.int64(at: 0)) has a partial pair")
        }
        return decoded
    }
}

/// A document as the index keeps it: metadata and an excerpt, without its full text or bag of words.
public struct StoredDocument: Sendable, Equatable {
    /// The internal id that codes and topics refer to; kept when the document is re-indexed.
    public var id: Int64
    /// The corpus id (`Document.id`), unique in the index.
    public var externalID: String
    public var title: String
    public var source: String
    public var labels: [String]
    /// The number of tokens after text processing (in and out of the vocabulary).
    public var tokenCount: Int
    /// The tokens not in the vocabulary.
    public var outOfVocabularyCount: Int
    /// The first `IndexOptions.excerptLength` characters of the text.
    public var excerpt: String
    /// True when no token is in the vocabulary, so the document has no code.
    public var isEmpty: Bool

    public init(id: Int64, externalID: String, title: String, source: String, labels: [String],
                tokenCount: Int, outOfVocabularyCount: Int, excerpt: String, isEmpty: Bool) {
        self.id = id
        self.externalID = externalID
        self.title = title
        self.source = source
        self.labels = labels
        self.tokenCount = tokenCount
        self.outOfVocabularyCount = outOfVocabularyCount
        self.excerpt = excerpt
        self.isEmpty = isEmpty
    }
}
