import SemanticHashing
import SemanticHashingPostgres
import SemanticHashingServer

/// A replica's writes: into the PostgreSQL store it follows, as `semhash add` and `semhash remove` write, each
/// through a connection of its own (a store is used by one task at a time). The replica, like every other
/// replica of the store, serves a write once it applies it from the store's change log.
struct PostgresReplicaWrites: DocumentWrites {
    let location: PostgresLocation

    func add(_ documents: [Document], describing description: String) async throws -> DocumentsAdded {
        try await withStore { store in
            let (ingested, _) = try await store.add(DocumentList(documents: documents), describing: description)
            return DocumentsAdded(replacedDocuments: ingested.replacedCount, emptyDocuments: ingested.emptyDocumentCount,
                                  documents: try await store.counts().documents)
        }
    }

    func remove(externalID id: String) async throws -> DocumentsRemoved {
        try await withStore { store in
            DocumentsRemoved(removed: try await store.removeDocuments(externalIDs: [id]).count,
                             documents: try await store.counts().documents)
        }
    }

    private func withStore<T>(_ body: (PostgresStore) async throws -> T) async throws -> T {
        try await PostgresStore.using(location, .upgrading, body)
    }
}
