import Foundation
import SemanticHashing

/// The commands that read an index (`ask`, `similar`, `info`, `check`) and the writers (`add`) work on a local
/// SQLite index made from the store: a whole copy for the readers, the model alone for the writers.
extension PostgresStore {
    /// Copies the store (one snapshot of it) into a new SQLite index in a new temporary folder, runs `body`
    /// with the index's path, and deletes the folder.
    public func withLocalCopy<T>(_ body: (String) async throws -> T) async throws -> T {
        try await withTemporaryIndex { path in
            do {
                let local = try IndexStore.create(at: path)
                try await export(into: local)
            }
            return try await body(path)
        }
    }

    /// Runs `body` with a new local index, in a temporary folder deleted after, that holds the store's
    /// settings, vocabulary and model but no document: documents indexed there are tokenized and encoded as
    /// the store's were, and `write(from:_:)` then adds them to the store.
    ///
    /// Throws `IndexError.noModel` when the store has no model yet.
    public func withLocalEncoder<T>(_ body: (IndexStore) async throws -> T) async throws -> T {
        try await withLocalHeader { local in
            guard try local.loadModel() != nil else { throw IndexError.noModel(location.description) }
            return try await body(local)
        }
    }

    /// Adds `source`'s documents to the store as `semhash add` does: read, tokenized and encoded with the
    /// store's model in a local encoder (`withLocalEncoder`, `CorpusIngestion.add`), then written in one
    /// transaction that notifies the replicas (`write(from:_:waiting:)`, which waits up to `waiting` for
    /// another writer's locks); `beforeWriting` is called between the two. Returns what was stored and the model
    /// that encoded it.
    public func add(_ source: any DocumentSource, describing description: String,
                    waiting: Duration = IndexOptions().busyTimeout,
                    progress: (IngestionProgress) -> Void = { _ in },
                    beforeWriting: () -> Void = {}) async throws -> (IngestionResult, SemanticHashingModel) {
        try await withLocalEncoder { local in
            var (ingested, model) = try CorpusIngestion().add(source, to: local, describing: description, progress: progress)
            beforeWriting()
            ingested.replacedCount = try await write(from: local, .documents, waiting: waiting).replaced
            return (ingested, model)
        }
    }

    /// Runs `body` with a new local index, in a temporary folder deleted after, that holds what the store
    /// has of settings, vocabulary and model (nothing of a new store) but no document: `semhash index` reads
    /// a corpus into it (choosing the vocabulary when the store has none), then writes it to the store.
    public func withLocalHeader<T>(_ body: (IndexStore) async throws -> T) async throws -> T {
        try await withTemporaryIndex { path in
            let local = try IndexStore.create(at: path)
            // The settings, vocabulary and model are separate statements: read apart, a writer that commits a
            // new index between them gives a header with the new settings and no vocabulary, no index at all.
            try await snapshot { try await exportHeader(into: local, checkpoints: false) }
            return try await body(local)
        }
    }

    /// What is wrong in the store that a copy cannot show (there are no foreign keys between the
    /// per-document tables): codes or topic assignments of missing documents, documents whose id is not
    /// `semhash_document_id(external_id)`, and (format 5) codes whose `wordless` flag is not their document's
    /// `empty`, which the search functions would wrongly return or leave out. Empty when sound.
    public func problems() async throws -> [String] {
        let flags = formatVersion >= 5 ? """
            SELECT count(*) FROM semhash.codes AS c JOIN semhash.documents AS d ON d.id = c.document_id
            WHERE c.wordless <> d.empty
            """ : "SELECT 0"
        let row = try await rows("""
            SELECT (SELECT count(*) FROM semhash.codes AS c
                        WHERE NOT EXISTS (SELECT 1 FROM semhash.documents AS d WHERE d.id = c.document_id)),
                   (SELECT count(*) FROM semhash.document_topics AS t
                        WHERE NOT EXISTS (SELECT 1 FROM semhash.documents AS d WHERE d.id = t.document_id)),
                   (SELECT count(*) FROM semhash.documents WHERE id <> semhash.semhash_document_id(external_id)),
                   (\(unescaped: flags))
            """)[0]
        let (orphanCodes, orphanTopics, misplaced, misflagged) = try row.decode((Int, Int, Int, Int).self)
        var problems: [String] = []
        if orphanCodes > 0 { problems.append("\(orphanCodes.counting("code")) \(orphanCodes.agreeing("belongs", "belong")) to no document") }
        if orphanTopics > 0 { problems.append("\(orphanTopics.counting("topic assignment")) \(orphanTopics.agreeing("belongs", "belong")) to no document") }
        if misplaced > 0 { problems.append("\(misplaced.counting("document")) \(misplaced.agreeing("has", "have")) an id that is not semhash_document_id(external_id)") }
        if misflagged > 0 { problems.append("\(misflagged.counting("code")) \(misflagged.agreeing("has", "have")) a wordless flag (codes.wordless) other than \(misflagged.agreeing("its", "their")) document's empty (documents.empty)") }
        return problems
    }

    /// Runs `body` with the path of a new index file in a new temporary folder, deleted after (or by an
    /// interrupted process's `InterruptionCleanup`).
    func withTemporaryIndex<T>(_ body: (String) async throws -> T) async throws -> T {
        let folder = try TemporaryFolder(prefix: "semhash")
        defer { folder.remove() }
        return try await body(folder.url.appendingPathComponent("index.sqlite").path)
    }
}
