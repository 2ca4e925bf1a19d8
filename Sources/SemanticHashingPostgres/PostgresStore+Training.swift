import NIOCore
import PostgresNIO
import SemanticHashing

/// Training on the store (`semhash train` and a first `semhash index` on PostgreSQL): the library's
/// `IndexTraining` learns from documents read from the store, and the store adopts the model and every
/// document's new code in one transaction.
extension PostgresStore {
    /// Trains a model with `training`'s settings on the store's documents (all of them, or `sample` of them),
    /// in increasing id, then makes it the store's model (`adopt`). The training checkpoint is read from the
    /// store and, when training stops early (Ctrl-C, SIGTERM, an error), the last one saved is written back,
    /// so that `training.resumes` continues from it; a killed process keeps only the checkpoint it had stored
    /// before. `reencoded` reports how many documents have their new code.
    ///
    /// One training runs at a time per store: this one holds the store's training lock throughout, waiting up
    /// to `waiting` for another process's training to end (`IndexError.trainingInProgress` when it does not).
    ///
    /// Throws `IndexError.noDocuments` for a store without documents or vocabulary, and `hashTooLong` before
    /// any work for a configuration whose hashes the store cannot hold.
    public func train(_ training: IndexTraining, sample: TrainingSample?, waiting: Duration = IndexOptions().busyTimeout,
                      stopRequested: @escaping () -> Bool = { false },
                      notes: @escaping (IndexTraining.Note) -> Void = { _ in },
                      progress: (TrainingProgress) -> Void = { _ in },
                      reencoded: (Int) -> Void = { _ in }) async throws -> TrainingResult {
        try checkHashBits(training.configuration.hashBitCount)
        return try await holdingTrainingLock(waiting: waiting) {
            try await trainHoldingTheLock(training, sample: sample, stopRequested: stopRequested, notes: notes,
                                          progress: progress, reencoded: reencoded)
        }
    }

    /// The store's training lock, as `IndexStore.holdingTrainingLock` is an index file's: a session-level
    /// advisory lock of this connection, which PostgreSQL releases when the connection ends, however the
    /// process ends; other writers and readers are not held up.
    private func holdingTrainingLock<T>(waiting timeout: Duration, _ body: () async throws -> T) async throws -> T {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while try await !takeTrainingLock() {
            guard clock.now < deadline else { throw IndexError.trainingInProgress(location.description) }
            try await Task.sleep(for: .milliseconds(50))
        }
        do {
            let result = try await body()
            try await releaseTrainingLock()
            return result
        } catch {
            try? await releaseTrainingLock()
            throw error
        }
    }

    /// Whether another session holds the store's training lock: a training is under way (`check` says so).
    /// Probes the lock, taking it for an instant when it is free.
    public func isBeingTrained() async throws -> Bool {
        guard try await takeTrainingLock() else { return true }
        try await releaseTrainingLock()
        return false
    }

    /// Takes the training lock when it is free; returns whether it did.
    private func takeTrainingLock() async throws -> Bool {
        try await rows("SELECT pg_try_advisory_lock(\(Self.trainingLockKey))")[0].decode(Bool.self)
    }

    private func releaseTrainingLock() async throws {
        _ = try await rows("SELECT pg_advisory_unlock(\(Self.trainingLockKey))")
    }

    /// The key of the training lock among the database's advisory locks: "semhashT" in ASCII.
    private static let trainingLockKey: Int64 = 0x7365_6D68_6173_6854

    private func trainHoldingTheLock(_ training: IndexTraining, sample: TrainingSample?,
                                     stopRequested: @escaping () -> Bool,
                                     notes: @escaping (IndexTraining.Note) -> Void,
                                     progress: (TrainingProgress) -> Void,
                                     reencoded: (Int) -> Void) async throws -> TrainingResult {
        try await withTemporaryIndex { path in
            // The local index holds the store's vocabulary and checkpoint: it keeps the checkpoints saved. The
            // vocabulary and the bags come from one snapshot, so that every bag's terms are the vocabulary's even
            // when a copy replaces the store's index meanwhile (which `adopt` then refuses).
            let local = try IndexStore.create(at: path)
            let bags = try await snapshot {
                try await exportHeader(into: local, checkpoints: true)
                return try await trainingBags(sample: sample)
            }
            guard let vocabulary = try local.loadVocabulary(), !bags.isEmpty else {
                throw IndexError.noDocuments(location.description)
            }
            let result: TrainingResult
            do {
                result = try training.train(on: bags, vocabulary: vocabulary, checkpoints: local,
                                            stopRequested: stopRequested, notes: notes, progress: progress)
            } catch {
                do {
                    try await saveCheckpoints(try local.checkpoints())
                } catch let failure {
                    notes(.checkpointNotSaved("\(failure)"))
                }
                throw error
            }
            try local.write { try local.saveModel(result.model, report: result.report, vocabulary: vocabulary) }
            guard let stored = try local.loadModel() else { throw IndexError.noModel(path) }
            try await adopt(stored, encodingWith: result.model, terms: try local.terms(), reencoded: reencoded)
            return result
        }
    }

    /// Whether the store has a model.
    public func hasModel() async throws -> Bool {
        try await rows("SELECT count(*) FROM semhash.model")[0].decode(Int.self) > 0
    }

    /// The hash lengths a store holds: its `codes.hash` column keeps 1 to 4 words of 64 bits, and its
    /// multi-index hashing (`v1-search.sql`) reads that many.
    public static let hashBitRange = 1...256

    /// Throws `hashTooLong` unless hashes of `bits` bits fit in the store.
    public func checkHashBits(_ bits: Int) throws(PostgresStoreError) {
        guard Self.hashBitRange.contains(bits) else { throw .hashTooLong(location.description, bits: bits) }
    }

    /// The bags of the documents a training reads, in increasing id; called inside a snapshot transaction.
    private func trainingBags(sample: TrainingSample?) async throws -> [BagOfWords] {
        var bags: [BagOfWords] = []
        guard let sample else {
            var last: Int64 = -1
            while true {
                let page = try await bagRows(after: last)
                guard let lastRow = page.last else { break }
                bags += page.map(\.bag)
                last = lastRow.id
            }
            return bags
        }
        var ids: [Int64] = []
        for try await row in try await query("SELECT id FROM semhash.documents") {
            ids.append(try row.decode(Int64.self))
        }
        let chosen = sample.choose(from: ids)
        for start in stride(from: 0, to: chosen.count, by: Self.pageSize) {
            let page = Array(chosen[start..<min(start + Self.pageSize, chosen.count)])
            var bindings = PostgresBindings()
            bindings.append(page)
            bags += try await bagRows(PostgresQuery(unsafeSQL: Self.bagColumns + " WHERE id = ANY ($1) ORDER BY id",
                                                    binds: bindings)).map(\.bag)
        }
        return bags
    }

    private static let bagColumns = "SELECT id, bag, oov_count, empty FROM semhash.documents"

    /// A document's bag as training and re-encoding read it; `wordless` is `documents.empty`.
    private typealias BagRow = (id: Int64, bag: BagOfWords, wordless: Bool)

    /// A page of documents' bags with ids above `id`, in increasing id.
    private func bagRows(after id: Int64) async throws -> [BagRow] {
        var bindings = PostgresBindings()
        bindings.append(id)
        return try await bagRows(PostgresQuery(
            unsafeSQL: Self.bagColumns + " WHERE id > $1 ORDER BY id LIMIT \(Self.pageSize)", binds: bindings))
    }

    private func bagRows(_ query: PostgresQuery) async throws -> [BagRow] {
        try await rows(query).map { row in
            let (id, blob, outOfVocabulary, wordless) = try row.decode((Int64, ByteBuffer, Int, Bool).self)
            guard let bag = BagOfWords(storedBlob: Array(buffer: blob), outOfVocabularyCount: outOfVocabulary) else {
                throw PostgresStoreError.corrupt(location.description, "the bag of words of document \(id) has a partial pair")
            }
            return (id, bag, wordless)
        }
    }

    /// Makes `stored` (the serialized `model`) the store's model in one transaction: every document re-encoded
    /// by `model`, the codes replaced (each flagged `wordless` as its document is `empty`), the training
    /// checkpoint and the topics (which describe the old codes) dropped, and one change to the whole store logged, so that replicas reload. Waits for writers
    /// under way, and holds off new ones until it commits (`add` checks the model it encoded with under a share
    /// lock, so that none writes codes of the old model after this one); readers go on. `terms` is the
    /// vocabulary the model was trained on: a store whose vocabulary was replaced meanwhile is left as it was
    /// (`vocabularyChanged`).
    private func adopt(_ stored: StoredModel, encodingWith model: SemanticHashingModel, terms: [StoredTerm],
                       reencoded: (Int) -> Void) async throws {
        try await transaction {
            try await query("SET LOCAL search_path = semhash")
            try await query("LOCK TABLE semhash.model IN EXCLUSIVE MODE")
            try await query("LOCK TABLE semhash.documents IN SHARE MODE")
            let storedTerms = try await rows("SELECT term FROM semhash.vocabulary ORDER BY term_id")
                .map { try $0.decode(String.self) }
            guard storedTerms == terms.map(\.term) else { throw PostgresStoreError.vocabularyChanged(location.description) }
            try await query("""
                CREATE TEMPORARY TABLE trained_codes (document_id bigint PRIMARY KEY, code bytea NOT NULL,
                    hash bigint[] NOT NULL, wordless boolean NOT NULL) ON COMMIT DROP
                """)
            var last: Int64 = -1
            var count = 0
            while true {
                let page = try await bagRows(after: last)
                guard let lastRow = page.last else { break }
                let encoded = model.encodeWithHashes(page.map(\.bag))
                let width = encoded.codes.columns
                try await copy(into: "trained_codes", columns: ["document_id", "code", "hash", "wordless"]) { send in
                    var rows = CopyText()
                    for (row, document) in page.enumerated() {
                        let code = StoredCodeRow(documentID: document.id,
                                                 code: encoded.codes.values[(row * width)..<((row + 1) * width)],
                                                 hashWords: encoded.hashes.code(row))
                        rows.integer(document.id)
                        rows.bytes(code.code)
                        rows.bigintArray(encoded.hashes.code(row).map { Int64(bitPattern: $0) })
                        rows.boolean(document.wordless)
                        rows.endRow()
                    }
                    try await send(&rows.buffer)
                }
                count += page.count
                reencoded(count)
                last = lastRow.id
            }
            try await query("DELETE FROM semhash.codes")
            try await query("""
                INSERT INTO semhash.codes (document_id, code, hash, wordless)
                SELECT document_id, code, hash, wordless FROM trained_codes ORDER BY document_id
                """)
            try await upsertModel(stored)
            try await query("DELETE FROM semhash.checkpoints WHERE name = 'training'")
            try await query("DELETE FROM semhash.document_topics")
            try await query("DELETE FROM semhash.topics")
            try await query("""
                INSERT INTO semhash.meta (key, value)
                VALUES ('code_dimension', \(String(model.codeSize))), ('hash_bits', \(String(model.hashBitCount)))
                ON CONFLICT (key) DO UPDATE SET value = excluded.value
                """)
            try await logChanges("VALUES (NULL::bigint)")
        }
    }

    /// Stores checkpoints, replacing those of the same name, in one transaction.
    private func saveCheckpoints(_ checkpoints: [StoredCheckpoint]) async throws {
        try await transaction {
            for checkpoint in checkpoints {
                try await query("""
                    INSERT INTO semhash.checkpoints (name, data, saved_at)
                    VALUES (\(checkpoint.name), \(ByteBuffer(bytes: checkpoint.data)), \(checkpoint.savedAt)::timestamptz)
                    ON CONFLICT (name) DO UPDATE SET data = excluded.data, saved_at = excluded.saved_at
                    """)
            }
        }
    }
}
