import Foundation
import NIOPosix
import SemanticHashing
import Synchronization

/// The index as the server reaches it (the server's one adapter to the library): the current in-memory
/// state, read connections lent to one request at a time, the writer, and the reload on a new committed state.
///
/// Requests take the current `ServingState` once and answer from it to the end, so a reload that swaps in a
/// new state while they run changes nothing for them. Document rows (titles, excerpts, topics) are read at
/// request time from a pooled read connection, in one transaction per request; `readCurrent` makes that
/// transaction see the very commit the state was loaded from.
public final class ServedIndex: Sendable {
    /// The path of the index file.
    public let path: String
    private let state: Mutex<ServingState>
    private let readers: Pool<IndexStore>
    /// The connection that looks for changes (`IndexStore.dataVersion`) and loads new states; also used
    /// to serialize reloads.
    private let watcher: Mutex<Watcher>
    /// The connection writes go through, opened on the first write; writes happen one at a time.
    private let writer: Mutex<WriterConnection>
    private let configuration: SearchConfiguration

    /// Opens the index at `path` and loads its search state. Throws `IndexError` for a missing or damaged
    /// file and `IndexError.noModel` (or `interruptedTraining`) when it has no model yet.
    public init(path: String,
                configuration: SearchConfiguration = SearchConfiguration(
                    scan: ScanOptions(threads: ProcessInfo.processInfo.activeProcessorCount))) throws {
        self.path = path
        self.configuration = configuration
        let store = try IndexStore.open(at: path, mode: .readOnly)
        let version = try store.dataVersion()
        state = Mutex(try ServingState(store: store, configuration: configuration, generation: 0))
        watcher = Mutex(Watcher(store: store, dataVersion: version))
        readers = Pool { try IndexStore.open(at: path, mode: .readOnly) }
        writer = Mutex(WriterConnection())
    }

    /// The state requests answer from now.
    public var current: ServingState { state.withLock { $0 } }

    /// Loads and swaps in a new state when another connection committed a change since the last look;
    /// returns whether it did. Failures leave the current state serving and are thrown.
    @discardableResult
    public func reloadIfChanged() throws -> Bool {
        try watcher.withLock { watcher in
            let version = try watcher.store.dataVersion()
            let count = try watcher.store.commitCount()
            guard version != watcher.dataVersion || count != current.commitCount else { return false }
            let generation = current.generation + 1
            let next = try ServingState(store: watcher.store, configuration: configuration, generation: generation)
            watcher.dataVersion = version
            state.withLock { $0 = next }
            return true
        }
    }

    /// Commits a change to the index through `commit` (on a connection of the caller's) and patches the
    /// current state with it instead of loading every code again: the documents whose id is in `changed`
    /// (added, replaced or removed) leave the in-memory codes and `added`, their new codes (ids among
    /// `changed`), join them; the radius index is rebuilt. How a replica of a PostgreSQL store applies each
    /// change. When `commit` was the one commit since the current state's (by `IndexStore.commitCount`),
    /// the patched state counts as loaded from it; otherwise the whole state is loaded instead. Failures
    /// of `commit` are thrown with the state unchanged.
    public func commitAndPatch(removing changed: Set<Int64>, adding added: DocumentCodes,
                               _ commit: () throws -> Void) throws {
        try watcher.withLock { watcher in
            try commit()
            let version = try watcher.store.dataVersion()
            let count = try watcher.store.commitCount()
            let generation = current.generation + 1
            let next = try count == Self.commitCount(after: current.commitCount)
                ? current.patched(removing: changed, adding: added, generation: generation, commitCount: count)
                : ServingState(store: watcher.store, configuration: configuration, generation: generation)
            watcher.dataVersion = version
            state.withLock { $0 = next }
        }
    }

    /// Runs `body` with a read connection of its own, inside one read transaction.
    public func read<T>(_ body: (IndexStore) throws -> T) throws -> T {
        try readers.withItem { store in try store.read { try body(store) } }
    }

    /// Runs `body` with the current state and a read connection of its own, inside one read transaction
    /// that sees the commit the state was loaded from, so that the rows a request reads (titles, texts,
    /// topics) belong to the codes it ranks by. When another process committed since the state was
    /// loaded, loads the new state first (`reloadIfChanged`) instead of waiting for the watcher. Under
    /// commits that keep coming faster than states load, `body` runs on the last state loaded after
    /// `attempts` tries.
    public func readCurrent<T>(attempts: Int = 3, _ body: (ServingState, IndexStore) throws -> T) throws -> T {
        for attempt in 1... {
            let state = current
            let outcome = try readers.withItem { store in
                try store.read { () throws -> Result<T, Never>? in
                    guard try store.commitCount() == state.commitCount || attempt >= attempts else { return nil }
                    return .success(try body(state, store))
                }
            }
            if case .success(let value) = outcome { return value }
            try reloadIfChanged()
        }
        preconditionFailure("unreachable: the loop returns by its last attempt")
    }

    /// The commit count after one more commit than `count` (`IndexStore.commitCount` wraps around as an
    /// `Int32`).
    private static func commitCount(after count: Int64) -> Int64 {
        Int64(Int32(truncatingIfNeeded: count) &+ 1)
    }

    /// Runs `body` in one write transaction on the writer connection (opened on first use, waiting up to
    /// `IndexOptions.busyTimeout` for another writer), then loads the new state before returning, so that a
    /// client that wrote sees its change in its next request.
    public func write<T: Sendable>(_ body: (IndexStore) throws -> T) throws -> T {
        let result = try writer.withLock { writer in
            let store = try writer.store(at: path)
            return try store.write { try body(store) }
        }
        try reloadIfChanged()
        return result
    }

    private struct Watcher: @unchecked Sendable {
        // Touched only under the `watcher` lock.
        let store: IndexStore
        var dataVersion: Int64
    }

    private struct WriterConnection: @unchecked Sendable {
        // Touched only under the `writer` lock.
        private var opened: IndexStore?

        mutating func store(at path: String) throws -> IndexStore {
            if let opened { return opened }
            let store = try IndexStore.open(at: path, mode: .readWrite)
            opened = store
            return store
        }
    }
}

/// What the server answers from between two reloads: the search snapshot (model, vocabulary, codes, with
/// the radius index and unit-length codes built) and tokenizers for it. Immutable; copied into each request.
public struct ServingState: Sendable {
    public let snapshot: SearchSnapshot
    /// Counts reloads: 0 for the state loaded at start.
    public let generation: Int
    /// The index's `IndexStore.commitCount` at the commit this state was loaded from.
    public let commitCount: Int64
    let tokenizers: Pool<Tokenizer>
    /// The topic map's SVG in each layout (`TopicMapLayout.tsne`, then `.pca`), drawn on first request.
    let topicMaps: [Lazy<String>]

    init(store: IndexStore, configuration: SearchConfiguration, generation: Int) throws {
        var (snapshot, commitCount) = try store.read {
            (try SearchSnapshot(store: store, configuration: configuration), try store.commitCount())
        }
        snapshot.prepareSearches()
        self.snapshot = snapshot
        self.generation = generation
        self.commitCount = commitCount
        let loaded = snapshot
        tokenizers = Pool { try loaded.makeTokenizer() }
        topicMaps = [Lazy(), Lazy()]
    }

    private init(snapshot: SearchSnapshot, generation: Int, commitCount: Int64, tokenizers: Pool<Tokenizer>) {
        self.snapshot = snapshot
        self.generation = generation
        self.commitCount = commitCount
        self.tokenizers = tokenizers
        topicMaps = [Lazy(), Lazy()]
    }

    /// This state with the codes of the documents in `changed` replaced by `added` (`SearchSnapshot.replace`)
    /// and the radius index and unit-length codes rebuilt; the model, vocabulary and tokenizers are the same.
    func patched(removing changed: Set<Int64>, adding added: DocumentCodes, generation: Int,
                 commitCount: Int64) throws -> ServingState {
        var next = snapshot
        try next.replace(changed, with: added)
        next.prepareSearches()
        return ServingState(snapshot: next, generation: generation, commitCount: commitCount, tokenizers: tokenizers)
    }

    /// Encodes `question` with a pooled tokenizer.
    public func encode(_ question: String) throws -> IndexSearcher.EncodedQuery {
        try tokenizers.withItem { snapshot.encode(question, tokenizer: $0) }
    }

    /// `query` answered as `request` asks, the documents read through `store`.
    public func answer(question: String, query: IndexSearcher.EncodedQuery, request: SearchRequest,
                       store: IndexStore, excluding excluded: Int64? = nil) throws -> SearchAnswer {
        var snapshot = snapshot
        return try SearchAnswer(question: question, query: query, request: request, store: store,
                                vocabulary: snapshot.vocabulary, excluding: excluded) {
            try snapshot.search(query, k: $0, metric: request.metric, radius: request.radius, bagsFrom: store,
                                excluding: excluded)
        }
    }
}

/// Items (connections, tokenizers) lent to one borrower at a time and kept for the next; a new one is made
/// when all are out. Items never cross between borrowers while lent, which is what makes the non-`Sendable`
/// items safe to share this way.
final class Pool<Item>: @unchecked Sendable {
    private let idle = Mutex<[UnsafeItem]>([])
    private let make: @Sendable () throws -> Item

    init(make: @escaping @Sendable () throws -> Item) {
        self.make = make
    }

    func withItem<T>(_ body: (Item) throws -> T) throws -> T {
        let item = try idle.withLock { $0.popLast() }?.item ?? make()
        defer { idle.withLock { $0.append(UnsafeItem(item: item)) } }
        return try body(item)
    }

    private struct UnsafeItem: @unchecked Sendable {
        let item: Item
    }
}

/// A value computed on first use and kept (the topic map of a state). Callers that ask while it is being
/// computed wait for that computation rather than start their own.
final class Lazy<Value: Sendable>: Sendable {
    private let value = Mutex<Value?>(nil)

    func get(_ compute: () throws -> Value) throws -> Value {
        try value.withLock { value in
            if let value { return value }
            let computed = try compute()
            value = computed
            return computed
        }
    }
}

/// Work that may take seconds (a t-SNE map, a write that waits for another process's lock on the index),
/// run on NIO's thread pool for blocking work, so that it never holds the threads that answer every other
/// request: `/healthz` and searches keep answering meanwhile.
enum BlockingWork {
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(body)
    }
}
