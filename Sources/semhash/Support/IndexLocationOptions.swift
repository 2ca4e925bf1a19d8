import ArgumentParser
import Foundation
import SemanticHashing
import SemanticHashingPostgres

/// `--index <file or URL>`: which index a command works on, a SQLite file or a PostgreSQL store.
///
/// When omitted: `$SEMHASH_INDEX` if set, else the only `.sqlite` file in `Indexes/`.
struct IndexLocationOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The index: a SQLite file, or a PostgreSQL store as postgresql://[user@][host][:port]/database.",
        discussion: "Defaults to $SEMHASH_INDEX, else the only .sqlite file in Indexes/. A URL may name a Unix socket folder with ?host=/folder.",
        valueName: "file-or-url"))
    var index: String?

    /// The index named, as given or as `$SEMHASH_INDEX`, or the default file.
    var named: String {
        get throws {
            if let index { return try Self.checked(index) }
            if let fromEnvironment = ProcessInfo.processInfo.environment["SEMHASH_INDEX"], !fromEnvironment.isEmpty {
                return try Self.checked(fromEnvironment)
            }
            let candidates = ((try? FileManager.default.contentsOfDirectory(atPath: "Indexes")) ?? [])
                .filter { $0.hasSuffix(".sqlite") }
                .sorted()
            guard candidates.count == 1 else {
                throw CommandError.noIndexNamed(candidates: candidates.map { "Indexes/" + $0 })
            }
            return "Indexes/" + candidates[0]
        }
    }

    /// The PostgreSQL store named, or nil when the index is a file.
    /// `name`, unless it is a URL of another kind than a PostgreSQL store's.
    static func checked(_ name: String) throws -> String {
        guard !PostgresLocation.isOtherURL(name) else { throw CommandError.unsupportedURL(name) }
        return name
    }

    func postgres() throws -> PostgresLocation? {
        let name = try named
        return PostgresLocation.isURL(name) ? try PostgresLocation(url: name) : nil
    }

    /// Runs `body` with the path of a SQLite index to read and the index's name as messages show it: the
    /// file itself, or for a PostgreSQL store a local copy (see `withReadableIndexAndFormat`).
    func withReadableIndex<T>(fresh: Bool = false, _ body: (_ path: String, _ name: String) async throws -> T)
        async throws -> T
    {
        try await withReadableIndexAndFormat(fresh: fresh) { path, name, _ in try await body(path, name) }
    }

    /// `withReadableIndex`, also given the format version of a PostgreSQL store (nil for a file, whose local
    /// copy is the index itself): a local copy has the format of this build's SQLite files, not the store's.
    ///
    /// A store is read through the copy this machine keeps of it in the cache folder
    /// (`PostgresReplica.keptCopy`), brought up to date from the store's change log, so that only the first
    /// read copies the whole store; with `fresh` (and for a store older than its change log), through a new
    /// whole copy of one snapshot, deleted after.
    func withReadableIndexAndFormat<T>(fresh: Bool = false,
                                       _ body: (_ path: String, _ name: String, _ storeFormat: Int?) async throws -> T)
        async throws -> T
    {
        guard let location = try postgres() else {
            let path = try named
            return try await body(path, path, nil)
        }
        // An error met in the local copy names the store, so that its advice (`semhash train --index …`)
        // acts on the store, not on the copy.
        func namingTheStore(_ path: String, _ run: () async throws -> T) async throws -> T {
            do {
                return try await run()
            } catch let error as IndexError {
                throw error.naming(path, as: location.description)
            }
        }
        if !fresh, let replica = try await PostgresReplica.keptCopy(location, at: Self.keptCopyPath(of: location)) {
            return try await replica.closing {
                try await namingTheStore(replica.path) {
                    try await body(replica.path, location.description, replica.storeFormatVersion)
                }
            }
        }
        return try await PostgresStore.using(location, .existing) { store in
            try await store.withLocalCopy { path in
                try await namingTheStore(path) { try await body(path, location.description, store.formatVersion) }
            }
        }
    }

    /// Where this machine keeps its copy of the store at `location`: a file named for the store's URL in
    /// `$SEMHASH_CACHE`, else `$XDG_CACHE_HOME/semhash`, else `~/.cache/semhash`.
    static func keptCopyPath(of location: PostgresLocation) -> String {
        let environment = ProcessInfo.processInfo.environment
        let folder: URL
        if let cache = environment["SEMHASH_CACHE"], !cache.isEmpty {
            folder = URL(fileURLWithPath: cache, isDirectory: true)
        } else if let cache = environment["XDG_CACHE_HOME"], !cache.isEmpty {
            folder = URL(fileURLWithPath: cache, isDirectory: true).appendingPathComponent("semhash")
        } else {
            folder = FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/semhash")
        }
        // FNV-1a of the URL (without its password): a stable file name per store.
        var hash = FNV1a()
        hash.mix(bytes: location.description.utf8)
        return folder.appendingPathComponent("store-" + String(hash.value, radix: 16) + ".sqlite").path
    }
}
