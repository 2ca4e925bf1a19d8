import SemanticHashing

/// Where a server's writes go (`POST /api/documents`, `DELETE /api/documents/{id}`).
///
/// A server of an index file writes into the file it serves (`IndexFileWrites`, the default). A replica of a
/// PostgreSQL store writes into the store instead, and serves the change once it applies it from the store's
/// change log, as every other replica of the store does.
public protocol DocumentWrites: Sendable {
    /// Stores `documents`, tokenized and encoded with the stored model (no retraining), in one transaction;
    /// a document whose id is stored is replaced. `description` names where they came from.
    func add(_ documents: [Document], describing description: String) async throws -> DocumentsAdded
    /// Removes the document with external id `id`, with its code and topic assignment.
    func remove(externalID id: String) async throws -> DocumentsRemoved
}

/// A write that failed for a reason expected to pass (the store it goes to cannot be reached for now): the
/// server answers 503 with Retry-After, as for an index busy with another writer, rather than 500.
public protocol TemporaryWriteFailure: Error, CustomStringConvertible {}

/// What an add stored.
public struct DocumentsAdded: Sendable, Equatable {
    /// Of the documents stored, those that replaced a stored document of the same id.
    public var replacedDocuments: Int
    /// Of the documents stored, those without a vocabulary word (stored, never an answer).
    public var emptyDocuments: Int
    /// Documents in the index afterwards.
    public var documents: Int

    public init(replacedDocuments: Int, emptyDocuments: Int, documents: Int) {
        self.replacedDocuments = replacedDocuments
        self.emptyDocuments = emptyDocuments
        self.documents = documents
    }
}

/// What a removal did.
public struct DocumentsRemoved: Sendable, Equatable {
    /// Documents removed: 0 when none had the id.
    public var removed: Int
    /// Documents in the index afterwards.
    public var documents: Int

    public init(removed: Int, documents: Int) {
        self.removed = removed
        self.documents = documents
    }
}

/// The writes of a server of an index file: into the file, one at a time through the served index's writer
/// connection, each followed by the reload that makes it searchable (`ServedIndex.write`).
struct IndexFileWrites: DocumentWrites {
    let index: ServedIndex

    func add(_ documents: [Document], describing description: String) async throws -> DocumentsAdded {
        try await BlockingWork.run { [index] in
            try index.write { store in
                let (ingested, _) = try CorpusIngestion().add(DocumentList(documents: documents), to: store,
                                                              describing: description)
                return DocumentsAdded(replacedDocuments: ingested.replacedCount, emptyDocuments: ingested.emptyDocumentCount,
                                      documents: try store.documentCount())
            }
        }
    }

    func remove(externalID id: String) async throws -> DocumentsRemoved {
        try await BlockingWork.run { [index] in
            try index.write { store in
                DocumentsRemoved(removed: try store.removeDocuments(externalIDs: [id]).count, documents: try store.documentCount())
            }
        }
    }
}
