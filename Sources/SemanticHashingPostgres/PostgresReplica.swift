import Foundation
import Logging
import NIOCore
import PostgresNIO
import SemanticHashing
import Synchronization

/// A copy of a PostgreSQL store kept up to date: a local SQLite index, loaded from one snapshot of the store,
/// then brought up to date from the store's change log (`semhash.changes`): each change applied replaces or
/// removes only the documents it names, in one local transaction.
///
/// `semhash serve` serves a temporary one (`start`), whose watcher picks up each applied change; the
/// command-line readers (`ask`, `similar`, `info`, …) read a kept one (`keptCopy`), which each run brings up
/// to date instead of copying the whole store.
public final class PostgresReplica: Sendable {
    /// The local index file.
    public let path: String
    public let location: PostgresLocation
    /// The connection to the store; `follow` replaces it with a new one when the server ended it.
    private let connected: Mutex<PostgresStore>
    private var store: PostgresStore { connected.withLock { $0 } }
    /// The temporary folder of the local index, deleted by `close`; nil for a kept copy.
    private let temporaryFolder: TemporaryFolder?
    /// For a kept copy, the store's identity (`PostgresStore.identity`), recorded with each position applied.
    private let keptIdentity: String?
    /// The last change-log position applied.
    private let position: Mutex<Int64>
    /// Why the last turn of `follow` did not apply the store's changes, and since when; nil while it does.
    private let lag = Mutex<(reason: String, since: ContinuousClock.Instant, reported: ContinuousClock.Instant)?>(nil)

    /// The store's format version.
    public var storeFormatVersion: Int { store.formatVersion }

    /// While `follow` cannot apply the store's changes (the store is unreachable, a change fails): why, and for
    /// how many seconds the copy has not followed; nil while it follows. What a replica's `/healthz` reports.
    public var followingProblem: (reason: String, seconds: Double)? {
        lag.withLock { lag in lag.map { ($0.reason, (ContinuousClock.now - $0.since).seconds) } }
    }

    /// Records the outcome of one turn of `follow`: nil when it applied the changes, else why not (the first
    /// failure's time is kept until a turn succeeds). Returns whether to report the failure: the first of a
    /// run, one of another reason, and then one a minute, not one every turn.
    @discardableResult
    private func recordTurn(failure reason: String?) -> Bool {
        lag.withLock { lag in
            guard let reason else {
                lag = nil
                return false
            }
            let now = ContinuousClock.now
            guard let earlier = lag, earlier.reason == reason, now - earlier.reported < .seconds(60) else {
                lag = (reason, lag?.since ?? now, now)
                return true
            }
            lag = (reason, earlier.since, earlier.reported)
            return false
        }
    }

    private init(path: String, location: PostgresLocation, store: PostgresStore, temporaryFolder: TemporaryFolder?,
                 keptIdentity: String?, position: Int64) {
        self.path = path
        self.location = location
        connected = Mutex(store)
        self.temporaryFolder = temporaryFolder
        self.keptIdentity = keptIdentity
        self.position = Mutex(position)
    }

    /// Copies the store into a new local index in a temporary folder (deleted by `close`).
    public static func start(_ location: PostgresLocation) async throws -> PostgresReplica {
        // Upgrades an older store: the change log this follows came with format 3.
        let store = try await PostgresStore.open(location, .upgrading)
        let folder: TemporaryFolder
        do {
            folder = try TemporaryFolder(prefix: "semhash-replica")
        } catch {
            await store.close()
            throw error
        }
        do {
            let path = folder.url.appendingPathComponent("replica.sqlite").path
            let local = try IndexStore.create(at: path)
            let position = try await store.export(into: local)
            return PostgresReplica(path: path, location: location, store: store, temporaryFolder: folder,
                                   keptIdentity: nil, position: position)
        } catch {
            await store.close()
            folder.remove()
            throw error
        }
    }

    /// The store's copy kept at `path` for readers, brought up to date: the changes committed since the copy's
    /// last applied one are applied to it when it is a copy of this very store (`PostgresStore.identity`) and
    /// the store's log still reaches back to it; otherwise the store is copied anew into it (into a new file
    /// only when the one at `path` is no index that can be refilled). Processes that keep a copy at the same
    /// path take turns bringing it up to date (a lock file beside it); readers of the file see a committed
    /// state throughout. `close` keeps the copy. Nil when the store predates its change log (format 4): such a
    /// store is read through a whole copy (`PostgresStore.withLocalCopy`).
    public static func keptCopy(_ location: PostgresLocation, at path: String) async throws -> PostgresReplica? {
        let lock = try FileLock(path: path + ".lock")
        defer { lock.release() }
        let store = try await PostgresStore.open(location, .existing)
        do {
            guard store.formatVersion >= 4 else {
                await store.close()
                return nil
            }
            let identity = try await store.identity()
            if let position = KeptPosition(recordedAt: path, identity: identity) {
                let replica = PostgresReplica(path: path, location: location, store: store, temporaryFolder: nil,
                                              keptIdentity: identity, position: position.changeLogPosition)
                try await replica.applyChanges()
                return replica
            }
            let replica = PostgresReplica(path: path, location: location, store: store, temporaryFolder: nil,
                                          keptIdentity: identity, position: 0)
            // A copy of another store (a database made anew under the same name) is refilled in one
            // transaction, as a reload is, not deleted: a process reading it meanwhile would go on reading a
            // deleted file whose -wal and -shm names now belong to the new one. Only a file that is no index
            // this semhash can refill is made anew.
            if FileManager.default.fileExists(atPath: path) {
                do {
                    try await replica.reload()
                    return replica
                } catch is IndexError {}
            }
            IndexStore.removeFiles(at: path)
            let local = try IndexStore.create(at: path)
            let position = try await store.export(into: local)
            try replica.record(position, in: local)
            return replica
        } catch {
            await store.close()
            throw error
        }
    }

    /// Applies the changes committed since the last applied one; returns how many documents they named (all
    /// of the store's after a reload).
    ///
    /// A change to the whole store (a retraining, new topics), or a gap in the log (the replica fell behind
    /// the log's retention and entries it had not applied were pruned), makes it reload the store: a new copy,
    /// then swapped in for the local index's content in one local transaction.
    ///
    /// With `patch`, the local write of a change to some documents goes through it, given the ids named and
    /// their new codes (those that still exist and have a vocabulary word), so that the server patches its
    /// in-memory codes with them in place (`ServedIndex.commitAndPatch`) instead of loading every code again.
    @discardableResult
    public func applyChanges(patching patch: Patch? = nil) async throws -> Int {
        let after = position.withLock { $0 }
        let changes = try await store.changes(after: after)
        if changes.needsReload { return try await reload() }
        guard let last = changes.lastPosition else { return 0 }
        let local = try IndexStore.open(at: path, mode: .readWrite)
        let commit = {
            try local.replaceTransferred(metadata: changes.metadata, removing: changes.documentIDs,
                                         documents: changes.documents, codes: changes.codes)
        }
        if let patch, let dimension = changes.metadata["code_dimension"].flatMap(Int.init),
           let bits = changes.metadata["hash_bits"].flatMap(Int.init) {
            // As a search loads them (`IndexStore.loadCodes`): a wordless document's code is never an answer.
            let wordless = Set(changes.documents.lazy.filter(\.isEmpty).map(\.id))
            let searched = changes.codes.filter { !wordless.contains($0.documentID) }
            try patch(Set(changes.documentIDs),
                      try DocumentCodes(transferred: searched, dimension: dimension, bitCount: bits), commit)
        } else {
            try commit()
        }
        try record(last, in: local)
        return changes.documentIDs.count
    }

    /// Makes `applied` the last position applied; a kept copy records it after the change's own commit (a
    /// change applied again after a crash in between changes nothing: its documents are replaced by the same).
    private func record(_ applied: Int64, in local: IndexStore) throws {
        if let keptIdentity { try local.setSetting(.replicaOf, KeptPosition.text(identity: keptIdentity, position: applied)) }
        position.withLock { $0 = applied }
    }

    /// How a server takes a change: it runs `commit` (the local write) and patches its in-memory codes,
    /// taking out the documents `changed` names and adding `codes`, their new codes.
    public typealias Patch = @Sendable (_ changed: Set<Int64>, _ codes: DocumentCodes, _ commit: () throws -> Void)
        throws -> Void

    /// Copies the whole store anew and makes it the local index's content.
    @discardableResult
    private func reload() async throws -> Int {
        let fresh = path + ".reload"
        IndexStore.removeFiles(at: fresh)
        defer { IndexStore.removeFiles(at: fresh) }
        let last: Int64
        do {
            let copy = try IndexStore.create(at: fresh)
            last = try await store.export(into: copy)
        }
        let local = try IndexStore.open(at: path, mode: .readWrite)
        try local.replaceContents(withThoseOf: fresh)
        try record(last, in: local)
        return try local.documentCount()
    }

    /// Applies changes until cancelled (through `patch` when given, see `applyChanges`): when the store
    /// notifies `semhash_changes` (a second connection listens, reopened when it closes: `listen`) and at least
    /// every `interval`, in case a notification was missed. A failure to apply is passed to `report` (again after a minute while it
    /// lasts), kept as `followingProblem` until a turn succeeds, and tried again at the next turn.
    public func follow(every interval: Duration = .seconds(1), patching patch: Patch? = nil,
                       report: @escaping @Sendable (String) -> Void) async {
        let (turns, turn) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        await withTaskGroup(of: Void.self) { group in
            group.addTask { [location] in
                await Self.listen(at: location, polling: interval, turn: turn, report: report)
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
                    try await applyChanges(patching: patch)
                    recordTurn(failure: nil)
                } catch PostgresStoreError.connectionLost {
                    // The server restarted or ended the connection: connect again and go on from the position
                    // applied (the log keeps an hour of changes; a longer gap reloads the store).
                    do {
                        let fresh = try await PostgresStore.open(location, .existing)
                        let previous = connected.withLock { current in
                            let previous = current
                            current = fresh
                            return previous
                        }
                        await previous.close()
                        report("connected to the store again after its connection closed")
                    } catch {
                        if !Task.isCancelled {
                            if recordTurn(failure: "cannot connect to the store again: \(error)") {
                                report("lost the connection to the store and cannot connect again: \(error)")
                            }
                        }
                    }
                } catch {
                    // Stopping cancels a change being applied: that is no failure.
                    if !Task.isCancelled {
                        if recordTurn(failure: "cannot apply the store's changes: \(error)") {
                            report("could not apply the store's changes: \(error)")
                        }
                    }
                }
            }
            group.cancelAll()
        }
    }

    /// Keeps a connection of its own listening on `semhash_changes` until cancelled, taking a `turn` for each
    /// notification. When the connection fails or closes (the server restarted or ended it), the turns taken
    /// every `interval` pick up the changes while it connects again: after 1 second, then twice as long each
    /// time up to 30 seconds. It reports when it stops listening and when it listens again (then takes a
    /// turn, for what it may have missed), not each failed attempt.
    private static func listen(at location: PostgresLocation, polling interval: Duration,
                               turn: AsyncStream<Void>.Continuation, report: @Sendable (String) -> Void) async {
        let logger = Logger(label: "semhash.replica", factory: { _ in SwiftLogNoOpLogHandler() })
        var listening = true
        var backoff = Duration.seconds(1)
        while !Task.isCancelled {
            let reason: String
            do {
                let listener = try await PostgresConnection.connect(
                    configuration: try location.connectionConfiguration(), id: 2, logger: logger)
                defer { Task { try? await listener.close() } }
                try await listener.listen(on: "semhash_changes") { notifications in
                    if !listening {
                        report("listening for changes again")
                        listening = true
                        turn.yield()
                    }
                    backoff = .seconds(1)
                    for try await _ in notifications { turn.yield() }
                }
                reason = "the connection closed"
            } catch {
                reason = "\(PostgresStoreError.wrapping(error, at: location))"
            }
            if Task.isCancelled { return }
            if listening {
                report("not listening for changes (\(reason)); polling every \(interval) until it listens again")
                listening = false
            }
            try? await Task.sleep(for: backoff)
            backoff = min(backoff * 2, .seconds(30))
        }
    }

    /// Runs `body`, then closes the replica (`close`), whether `body` returns or throws.
    public func closing<T>(after body: () async throws -> T) async throws -> T {
        let result: T
        do {
            result = try await body()
        } catch {
            await close()
            throw error
        }
        await close()
        return result
    }

    /// Closes the connection and deletes the local index, unless it is a kept copy.
    public func close() async {
        await store.close()
        temporaryFolder?.remove()
    }
}

extension IndexSetting {
    /// In a kept copy of a PostgreSQL store (`PostgresReplica.keptCopy`): the store's identity and the last
    /// change-log position applied, as `<identity>@<position>`.
    public static let replicaOf = IndexSetting(rawValue: "replica_of")
}

/// The `replicaOf` setting's value.
private struct KeptPosition {
    var changeLogPosition: Int64

    /// The position recorded in the index at `path`, when there is one and it is a copy of the store of
    /// `identity`.
    init?(recordedAt path: String, identity: String) {
        guard FileManager.default.fileExists(atPath: path),
              let text = try? IndexStore.open(at: path, mode: .readOnly).setting(.replicaOf),
              let separator = text.lastIndex(of: "@"), text[..<separator] == identity,
              let position = Int64(text[text.index(after: separator)...]) else { return nil }
        changeLogPosition = position
    }

    static func text(identity: String, position: Int64) -> String { "\(identity)@\(position)" }
}

/// An exclusive `flock` on a file (created, with its folder, when missing), held until `release`.
private struct FileLock {
    private let descriptor: Int32

    init(path: String) throws {
        try FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(),
                                                withIntermediateDirectories: true)
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        while flock(descriptor, LOCK_EX) != 0 && errno == EINTR {}
    }

    func release() {
        close(descriptor)
    }
}

/// What changed in a store after a change-log position: the rows of the documents named that still exist,
/// or that the replica must reload the whole store.
struct StoreChanges {
    var lastPosition: Int64?
    var documentIDs: [Int64] = []
    var documents: [StoredDocumentRow] = []
    var codes: [StoredCodeRow] = []
    var metadata: [String: String] = [:]
    /// A change to the whole store, or entries after the position pruned from the log.
    var needsReload = false
}

extension PostgresStore {
    /// The changes committed after `position`, read from one snapshot.
    func changes(after position: Int64) async throws -> StoreChanges {
        try await snapshot {
            let prunedThrough = try await rows("SELECT pruned_through FROM semhash.change_log WHERE id = 1")
                .first?.decode(Int64.self) ?? 0
            var changes = StoreChanges(lastPosition: nil, needsReload: prunedThrough > position)
            var ids = Set<Int64>()
            for row in try await rows(
                "SELECT position, document_id FROM semhash.changes WHERE position > \(position) ORDER BY position") {
                let (at, id) = try row.decode((Int64, Int64?).self)
                changes.lastPosition = at
                if let id { ids.insert(id) } else { changes.needsReload = true }
            }
            guard changes.lastPosition != nil, !changes.needsReload else { return changes }
            let named = ids.sorted()
            changes.documentIDs = named
            changes.documents = try await documentRows(ids: named)
            changes.codes = try await codeRows(ids: named)
            changes.metadata = try await metadata()
            return changes
        }
    }
}
