import Foundation

/// The rows of an index exactly as stored (blobs, JSON text and times byte for byte), for moving a whole index
/// to another store and back (`semhash copy`): reading them here and writing them into an empty index gives
/// the same model, vocabulary, documents, codes and topics, with the same internal ids.
extension IndexStore {
    /// Every `meta` row that describes the content rather than the file: everything but `format_version`
    /// (each store records its own).
    public func transferableMetadata() throws(IndexError) -> [String: String] {
        var values = try metadata()
        values[IndexMetaKey.formatVersion] = nil
        return values
    }

    /// The vocabulary's rows in increasing term id, words as recorded (nil where none is).
    public func terms() throws(IndexError) -> [StoredTerm] {
        let word = formatVersion >= 2 ? "word" : "NULL"
        return try connection.withStatement(
            "SELECT term_id, term, document_frequency, \(word) FROM vocabulary ORDER BY term_id"
        ) { statement throws(IndexError) in
            var terms: [StoredTerm] = []
            while try statement.step() {
                terms.append(StoredTerm(termID: statement.int(at: 0), term: statement.text(at: 1),
                                        documentFrequency: statement.int(at: 2), word: statement.optionalText(at: 3)))
            }
            return terms
        }
    }

    /// Up to `limit` document rows with ids greater than `id`, in increasing id: page through every row with
    /// the last id of each page, keeping one page in memory.
    public func documentRows(after id: Int64, limit: Int) throws(IndexError) -> [StoredDocumentRow] {
        try connection.withStatement(
            "SELECT id, external_id, title, source, labels, token_count, oov_count, excerpt, bag, empty, added_at "
                + "FROM documents WHERE id > ? ORDER BY id LIMIT ?"
        ) { statement throws(IndexError) in
            try statement.bind(id, at: 1)
            try statement.bind(limit, at: 2)
            var rows: [StoredDocumentRow] = []
            while try statement.step() {
                rows.append(StoredDocumentRow(
                    id: statement.int64(at: 0), externalID: statement.text(at: 1), title: statement.text(at: 2),
                    source: statement.text(at: 3), labelsJSON: statement.text(at: 4), tokenCount: statement.int(at: 5),
                    outOfVocabularyCount: statement.int(at: 6), excerpt: statement.text(at: 7),
                    bag: statement.blob(at: 8), isEmpty: statement.int64(at: 9) != 0, addedAt: statement.text(at: 10)))
            }
            return rows
        }
    }

    /// Up to `limit` code rows (the code and hash blobs as stored) with document ids greater than `id`, in
    /// increasing document id.
    public func codeRows(after id: Int64, limit: Int) throws(IndexError) -> [StoredCodeRow] {
        try connection.withStatement(
            "SELECT document_id, code, hash FROM codes WHERE document_id > ? ORDER BY document_id LIMIT ?"
        ) { statement throws(IndexError) in
            try statement.bind(id, at: 1)
            try statement.bind(limit, at: 2)
            var rows: [StoredCodeRow] = []
            while try statement.step() {
                rows.append(StoredCodeRow(documentID: statement.int64(at: 0), code: statement.blob(at: 1),
                                          hash: statement.blob(at: 2)))
            }
            return rows
        }
    }

    /// Every saved checkpoint with the time it was saved, by name.
    public func checkpoints() throws(IndexError) -> [StoredCheckpoint] {
        try connection.withStatement("SELECT name, data, saved_at FROM checkpoints ORDER BY name") {
            statement throws(IndexError) in
            var checkpoints: [StoredCheckpoint] = []
            while try statement.step() {
                checkpoints.append(StoredCheckpoint(name: statement.text(at: 0), data: statement.blob(at: 1),
                                                    savedAt: statement.text(at: 2)))
            }
            return checkpoints
        }
    }

    /// The topics' rows as stored (JSON text and centroid blob), in increasing id.
    public func topicRows() throws(IndexError) -> [StoredTopicRow] {
        try connection.withStatement(
            "SELECT id, size, decoder_words, distinctive_words, centroid FROM topics ORDER BY id"
        ) { statement throws(IndexError) in
            var topics: [StoredTopicRow] = []
            while try statement.step() {
                topics.append(StoredTopicRow(id: statement.int(at: 0), size: statement.int(at: 1),
                                             decoderWordsJSON: statement.text(at: 2),
                                             distinctiveWordsJSON: statement.text(at: 3), centroid: statement.blob(at: 4)))
            }
            return topics
        }
    }

    /// Creates a new index at `path` and lets `fill` fill it; the index appears at `path` only once `fill` has
    /// succeeded (it is built beside it under another name, then renamed), so that a failed or interrupted
    /// copy (`InterruptionCleanup`) leaves nothing behind. Returns the numbers of documents and codes it holds.
    public static func createFilled(at path: String, options: IndexOptions = IndexOptions(),
                                    _ fill: (IndexStore) async throws -> Void) async throws -> (documents: Int, codes: Int)
    {
        guard !FileManager.default.fileExists(atPath: path) else { throw IndexError.alreadyExists(path) }
        let partial = "\(path).partial-\(ProcessInfo.processInfo.processIdentifier)"
        @Sendable func removePartial() { removeFiles(at: partial) }
        func filledPartial() async throws -> (documents: Int, codes: Int) {
            // The store is released on return: its connection closed and its write-ahead log folded into the file.
            let store = try create(at: partial, options: options)
            try await fill(store)
            return (try store.documentCount(), try store.codeCount())
        }
        return try await InterruptionCleanup.whileRunning(removePartial) {
            let counts: (documents: Int, codes: Int)
            do {
                counts = try await filledPartial()
            } catch {
                removePartial()
                throw error
            }
            do {
                try FileManager.default.moveItem(atPath: partial, toPath: path)
            } catch {
                removePartial()
                throw IndexError.alreadyExists(path)
            }
            return counts
        }
    }

    /// Starts filling an index that holds no document yet with transferred rows, in one transaction: the
    /// `meta` values (`format_version` excepted), the vocabulary, the model with its training time, and the
    /// checkpoints. Documents, codes and topics follow with `appendTransferred`, each call one transaction:
    /// fill a new file, and make it the index only when every call succeeded.
    public func fillTransferred(metadata: [String: String], terms: [StoredTerm], model: StoredModel?,
                                checkpoints: [StoredCheckpoint]) throws(IndexError) {
        try writeIndex { () throws(IndexError) in
            guard try documentCount() == 0 else { throw .notEmpty(path) }
            for (key, value) in metadata where key != IndexMetaKey.formatVersion { try setMetaValue(key, value) }
            try connection.execute("DELETE FROM vocabulary")
            try connection.withStatement(
                "INSERT INTO vocabulary(term_id, term, document_frequency, word) VALUES (?, ?, ?, ?)"
            ) { statement throws(IndexError) in
                for term in terms {
                    try statement.bind(term.termID, at: 1)
                    try statement.bind(term.term, at: 2)
                    try statement.bind(term.documentFrequency, at: 3)
                    try statement.bind(term.word, at: 4)
                    try statement.run()
                    statement.reset()
                }
            }
            if let model {
                try connection.run(
                    "INSERT OR REPLACE INTO model(id, architecture, weights, vocabulary_fingerprint, trained_at, training) "
                        + "VALUES (1, ?, ?, ?, coalesce(?, \(IndexSchema.now)), ?)"
                ) { statement throws(IndexError) in
                    try statement.bind(model.architectureJSON, at: 1)
                    try statement.bind(blob: model.weights, at: 2)
                    try statement.bind(model.vocabularyFingerprint, at: 3)
                    try statement.bind(model.trainedAt, at: 4)
                    try statement.bind(model.trainingJSON, at: 5)
                }
            }
            for checkpoint in checkpoints {
                try connection.run("INSERT OR REPLACE INTO checkpoints(name, data, saved_at) VALUES (?, ?, ?)") {
                    statement throws(IndexError) in
                    try statement.bind(checkpoint.name, at: 1)
                    try statement.bind(blob: checkpoint.data, at: 2)
                    try statement.bind(checkpoint.savedAt, at: 3)
                }
            }
        }
    }

    /// Adds transferred document rows, keeping their ids, in one transaction.
    public func appendTransferred(documents: [StoredDocumentRow]) throws(IndexError) {
        try writeIndex { () throws(IndexError) in
            try connection.withStatement(
                "INSERT INTO documents(id, external_id, title, source, labels, token_count, oov_count, excerpt, bag, "
                    + "empty, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            ) { statement throws(IndexError) in
                for row in documents {
                    try statement.bind(row.id, at: 1)
                    try statement.bind(row.externalID, at: 2)
                    try statement.bind(row.title, at: 3)
                    try statement.bind(row.source, at: 4)
                    try statement.bind(row.labelsJSON, at: 5)
                    try statement.bind(row.tokenCount, at: 6)
                    try statement.bind(row.outOfVocabularyCount, at: 7)
                    try statement.bind(row.excerpt, at: 8)
                    try statement.bind(blob: row.bag, at: 9)
                    try statement.bind(row.isEmpty ? 1 : 0, at: 10)
                    try statement.bind(row.addedAt, at: 11)
                    try statement.run()
                    statement.reset()
                }
            }
        }
    }

    /// Adds transferred code rows (of stored documents) in one transaction.
    public func appendTransferred(codes: [StoredCodeRow]) throws(IndexError) {
        try writeIndex { () throws(IndexError) in
            try connection.withStatement("INSERT INTO codes(document_id, code, hash) VALUES (?, ?, ?)") {
                statement throws(IndexError) in
                for row in codes {
                    try statement.bind(row.documentID, at: 1)
                    try statement.bind(blob: row.code, at: 2)
                    try statement.bind(blob: row.hash, at: 3)
                    try statement.run()
                    statement.reset()
                }
            }
        }
    }

    /// Applies transferred changes in one transaction: sets the `meta` values given (`format_version`
    /// excepted), removes the documents with `removing` ids (with their codes and topic assignments), then
    /// adds `documents` and `codes`. How a replica of another store follows its changes.
    public func replaceTransferred(metadata: [String: String], removing ids: [Int64], documents: [StoredDocumentRow],
                                   codes: [StoredCodeRow]) throws(IndexError) {
        try writeIndex { () throws(IndexError) in
            for (key, value) in metadata where key != IndexMetaKey.formatVersion { try setMetaValue(key, value) }
            try connection.withStatement("DELETE FROM documents WHERE id = ?") { statement throws(IndexError) in
                for id in ids {
                    try statement.bind(id, at: 1)
                    try statement.run()
                    statement.reset()
                }
            }
            try appendTransferred(documents: documents)
            try appendTransferred(codes: codes)
        }
    }

    /// Replaces everything this index holds (meta but `format_version`, vocabulary, model, checkpoints,
    /// documents, codes, topics) by the content of the index file at `path`, of the same format, in one
    /// transaction: readers see the old content or the new, never a mix. How a replica of another store
    /// follows a change to the whole store (a retraining, new topics) or catches up after falling behind.
    public func replaceContents(withThoseOf path: String) throws(IndexError) {
        let other = try IndexStore.open(at: path, mode: .readOnly)
        guard other.formatVersion == formatVersion else {
            throw .corrupt(path, "format \(other.formatVersion), not this index's \(formatVersion)")
        }
        try connection.run("ATTACH DATABASE ? AS fresh") { statement throws(IndexError) in
            try statement.bind(path, at: 1)
        }
        defer { try? connection.execute("DETACH DATABASE fresh") }
        try writeIndex { () throws(IndexError) in
            for table in ["document_topics", "codes", "topics", "documents", "checkpoints", "model", "vocabulary"] {
                try connection.execute("DELETE FROM main.\(table)")
            }
            try connection.execute("DELETE FROM main.meta WHERE key <> '\(IndexMetaKey.formatVersion)'")
            try connection.execute(
                "INSERT INTO main.meta SELECT * FROM fresh.meta WHERE key <> '\(IndexMetaKey.formatVersion)'")
            for table in ["vocabulary", "model", "checkpoints", "documents", "codes", "topics", "document_topics"] {
                try connection.execute("INSERT INTO main.\(table) SELECT * FROM fresh.\(table)")
            }
        }
    }

    /// Adds transferred topics and topic assignments (of stored documents) in one transaction.
    public func appendTransferred(topics: [StoredTopicRow], assignments: [TopicAssignment]) throws(IndexError) {
        try writeIndex { () throws(IndexError) in try insertTopics(topics, assignments: assignments) }
    }
}

/// A vocabulary row as stored.
public struct StoredTerm: Sendable, Equatable {
    /// The term's input unit: 0, 1, 2, … without gaps.
    public var termID: Int
    public var term: String
    public var documentFrequency: Int
    /// The surface word shown for the term; nil when none is recorded.
    public var word: String?

    public init(termID: Int, term: String, documentFrequency: Int, word: String?) {
        self.termID = termID
        self.term = term
        self.documentFrequency = documentFrequency
        self.word = word
    }
}

/// A document row as stored: `StoredDocument` plus its bag of words (the blob), labels as JSON text and the
/// time it was first indexed.
public struct StoredDocumentRow: Sendable, Equatable {
    public var id: Int64
    public var externalID: String
    public var title: String
    public var source: String
    /// A JSON array of strings, as written.
    public var labelsJSON: String
    public var tokenCount: Int
    public var outOfVocabularyCount: Int
    public var excerpt: String
    /// (Int32 term id, Float32 count) pairs, little-endian.
    public var bag: [UInt8]
    public var isEmpty: Bool
    /// ISO 8601 UTC with milliseconds.
    public var addedAt: String

    public init(id: Int64, externalID: String, title: String, source: String, labelsJSON: String, tokenCount: Int,
                outOfVocabularyCount: Int, excerpt: String, bag: [UInt8], isEmpty: Bool, addedAt: String) {
        self.id = id
        self.externalID = externalID
        self.title = title
        self.source = source
        self.labelsJSON = labelsJSON
        self.tokenCount = tokenCount
        self.outOfVocabularyCount = outOfVocabularyCount
        self.excerpt = excerpt
        self.bag = bag
        self.isEmpty = isEmpty
        self.addedAt = addedAt
    }
}

/// A code row as stored: the real code's Float32 values and the hash's UInt64 words, both little-endian.
public struct StoredCodeRow: Sendable, Equatable {
    public var documentID: Int64
    public var code: [UInt8]
    public var hash: [UInt8]

    public init(documentID: Int64, code: [UInt8], hash: [UInt8]) {
        self.documentID = documentID
        self.code = code
        self.hash = hash
    }
}

extension StoredCodeRow {
    /// The row of a code (its Float32 values) and a hash (its 64-bit words), in the stored byte layout.
    public init(documentID: Int64, code: some Collection<Float>, hashWords: some Collection<UInt64>) {
        self.init(documentID: documentID, code: LittleEndianBlob.bytes(of: code),
                  hash: LittleEndianBlob.bytes(of: hashWords))
    }
}

extension DocumentCodes {
    /// The codes of transferred code rows, in their order: `dimension` Float32 values and a `bitCount`-bit hash
    /// each. Throws `CodesError.mismatchedCode` for a row of another size, `duplicateID` for a repeated id.
    public init(transferred rows: [StoredCodeRow], dimension: Int, bitCount: Int) throws {
        var values = [Float](repeating: 0, count: rows.count * dimension)
        var hashes = BinaryCodes(bitCount: bitCount)
        for (index, row) in rows.enumerated() {
            guard row.code.count == dimension * 4, row.hash.count == hashes.wordsPerCode * 8 else {
                throw CodesError.mismatchedCode(
                    id: row.documentID, expected: "\(dimension)-number real codes and \(bitCount)-bit hashes",
                    got: "\(row.code.count) bytes of real code and \(row.hash.count) bytes of hash")
            }
            values.withUnsafeMutableBufferPointer { destination in
                row.code.withUnsafeBytes { blob in
                    LittleEndianBlob.copyFloats(from: blob, into: UnsafeMutableBufferPointer(
                        rebasing: destination[(index * dimension)..<((index + 1) * dimension)]))
                }
            }
            var words = [UInt64](repeating: 0, count: hashes.wordsPerCode)
            words.withUnsafeMutableBufferPointer { destination in
                row.hash.withUnsafeBytes { LittleEndianBlob.copyWords(from: $0, into: destination) }
            }
            hashes.append(words: words)
        }
        try self.init(ids: rows.map(\.documentID), realCodes: Matrix(rows: rows.count, columns: dimension, values: values),
                      hashes: hashes)
    }
}

extension BagOfWords {
    /// The bag a document row stores as `blob` ((Int32 term id, Float32 count) pairs, little-endian), or nil
    /// when the blob ends in a partial pair.
    public init?(storedBlob blob: [UInt8], outOfVocabularyCount: Int) {
        guard let bag = blob.withUnsafeBytes({ LittleEndianBlob.bag(from: $0, outOfVocabularyCount: outOfVocabularyCount) })
        else { return nil }
        self = bag
    }
}

/// A training checkpoint as stored.
public struct StoredCheckpoint: Sendable, Equatable {
    public var name: String
    public var data: [UInt8]
    /// ISO 8601 UTC with milliseconds.
    public var savedAt: String

    public init(name: String, data: [UInt8], savedAt: String) {
        self.name = name
        self.data = data
        self.savedAt = savedAt
    }
}

/// A topic row as stored: word lists as JSON text, the centroid as little-endian Float32 values.
public struct StoredTopicRow: Sendable, Equatable {
    public var id: Int
    public var size: Int
    public var decoderWordsJSON: String
    public var distinctiveWordsJSON: String
    public var centroid: [UInt8]

    public init(id: Int, size: Int, decoderWordsJSON: String, distinctiveWordsJSON: String, centroid: [UInt8]) {
        self.id = id
        self.size = size
        self.decoderWordsJSON = decoderWordsJSON
        self.distinctiveWordsJSON = distinctiveWordsJSON
        self.centroid = centroid
    }
}
