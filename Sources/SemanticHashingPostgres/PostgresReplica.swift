import Foundation
import Logging
import NIOCore
import PostgresNIO
import SemanticHashing
import Synchronization

/// A serving replica's own copy of a PostgreSQL store: a local SQLite index, loaded from one snapshot of the
/// store at start, then kept up to date from the store's change log (`semhash.changes`): each change applied
/// replaces or removes only the documents it names, in one local transaction. `semhash serve` serves the
/// local index, whose watcher picks up each applied change.
public final class PostgresReplica: Sendable {
    /// The local index file.
    public let path: String
    public let location: PostgresLocation
    private let store: PostgresStore
    private let folder: URL
    /// The last change-log position applied.
    private let position: Mutex<Int64>

    private init(path: String, location: PostgresLocation, store: PostgresStore, folder: URL, position: Int64) {
        self.path = path
        self.location = location
        self.store = store
        self.folder = folder
        self.position = Mutex(position)
    }

    /// Copies the store into a new local index in a temporary folder (deleted by `close`).
    public static func start(_ location: PostgresLocation) async throws -> PostgresReplica {
        // Upgrades an older store: the change log this follows came with format 3.
        let store = try await PostgresStore.open(location, .upgrading)
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("semhash-replica-\(UUID().uuidString)", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
            let path = folder.appendingPathComponent("replica.sqlite").path
            let local = try IndexStore.create(at: path)
            let position = try await store.export(into: local)
            return PostgresReplica(path: path, location: location, store: store, folder: folder, position: position)
        } catch {
            await store.close()
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
    }

    /// Applies the changes committed since the last applied one; returns how many documents they named.
    @discardableResult
    public func applyChanges() async throws -> Int {
        let after = position.withLock { $0 }
        let changes = try await store.changes(after: after)
        guard let last = changes.lastPosition else { return 0 }
        let local = try IndexStore.open(at: path, mode: .readWrite)
        try local.replaceTransferred(metadata: changes.metadata, removing: changes.documentIDs,
                                     documents: changes.documents, codes: changes.codes)
        position.withLock { $0 = last }
        return changes.documentIDs.count
    }

    /// Applies changes until cancelled: when the store notifies `semhash_changes` (a second connection
    /// listens) and at least every `interval`, in case a notification was missed. A failure to apply is
    /// passed to `report` and tried again at the next turn.
    public func follow(every interval: Duration = .seconds(1), report: @escaping @Sendable (String) -> Void) async {
        let (turns, turn) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        await withTaskGroup(of: Void.self) { group in
            group.addTask { [location] in
                let logger = Logger(label: "semhash.replica", factory: { _ in SwiftLogNoOpLogHandler() })
                do {
                    let listener = try await PostgresConnection.connect(configuration: location.configuration, id: 2,
                                                                        logger: logger)
                    defer { Task { try? await listener.close() } }
                    try await listener.listen(on: "semhash_changes") { notifications in
                        for try await _ in notifications { turn.yield() }
                    }
                } catch {
                    if !Task.isCancelled { report("not listening for changes (\(error)); polling every \(interval)") }
                }
            }
            group.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(for: interval)
                    turn.yield()
                }
                turn.finish()
            }
            for await _ in turns {
                if Task.isCancelled { break }
                do {
                    try await applyChanges()
                } catch {
                    report("could not apply the store's changes: \(error)")
                }
            }
            group.cancelAll()
        }
    }

    /// Closes the connection and deletes the local index.
    public func close() async {
        await store.close()
        try? FileManager.default.removeItem(at: folder)
    }
}

/// What changed in a store after a change-log position: the rows of the documents named that still exist.
struct StoreChanges {
    var lastPosition: Int64?
    var documentIDs: [Int64]
    var documents: [StoredDocumentRow]
    var codes: [StoredCodeRow]
    var metadata: [String: String]
}

extension PostgresStore {
    /// The changes committed after `position`, read from one snapshot.
    func changes(after position: Int64) async throws -> StoreChanges {
        try await transaction(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") {
            var last: Int64?
            var ids = Set<Int64>()
            for row in try await rows(
                "SELECT position, document_id FROM semhash.changes WHERE position > \(position) ORDER BY position") {
                let (at, id) = try row.decode((Int64, Int64).self)
                last = at
                ids.insert(id)
            }
            guard last != nil else { return StoreChanges(lastPosition: nil, documentIDs: [], documents: [], codes: [], metadata: [:]) }
            let named = ids.sorted()
            return StoreChanges(lastPosition: last, documentIDs: named,
                                documents: try await documentRows(ids: named),
                                codes: try await codeRows(ids: named),
                                metadata: try await metadata())
        }
    }
}
