import SemanticHashing
import SemanticHashingPostgres
import SemanticHashingServer

/// A replica's writes: into the PostgreSQL store it follows, as `semhash add` and `semhash remove` write, each
/// through a connection of its own (a store is used by one task at a time). The replica, like every other
/// replica of the store, serves a write once it applies it from the store's change log.
///
/// A write waits for another writer's locks as long as a server's writes into an index file wait for its
/// write lock (the default `IndexOptions.busyTimeout`), then fails with `IndexError.busy`, which the server
/// answers with 503 and Retry-After. So does a store that cannot be reached (`StoreUnreachable`).
struct PostgresReplicaWrites: DocumentWrites {
    let location: PostgresLocation
    private static let waiting = IndexOptions().busyTimeout

    func add(_ documents: [Document], describing description: String) async throws -> DocumentsAdded {
        try await withStore { store in
            let (ingested, _) = try await store.add(DocumentList(documents: documents), describing: description,
                                                          waiting: Self.waiting)
            return DocumentsAdded(replacedDocuments: ingested.replacedCount, emptyDocuments: ingested.emptyDocumentCount,
                                  documents: try await store.counts().documents)
        }
    }

    func remove(externalID id: String) async throws -> DocumentsRemoved {
        try await withStore { store in
            DocumentsRemoved(removed: try await store.removeDocuments(externalIDs: [id], waiting: Self.waiting).count,
                             documents: try await store.counts().documents)
        }
    }

    private func withStore<T>(_ body: (PostgresStore) async throws -> T) async throws -> T {
        do {
            return try await PostgresStore.using(location, .upgrading, body)
        } catch let error as PostgresStoreError where error.meansStoreUnreachable {
            throw StoreUnreachable(underlying: error)
        }
    }

    /// The store could not be reached, or the connection to it ended, during a write: nothing was stored.
    struct StoreUnreachable: TemporaryWriteFailure {
        let underlying: PostgresStoreError
        var description: String { underlying.description }
    }
}
