import ArgumentParser
import Foundation
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
            if let index { return index }
            if let fromEnvironment = ProcessInfo.processInfo.environment["SEMHASH_INDEX"], !fromEnvironment.isEmpty {
                return fromEnvironment
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
    func postgres() throws -> PostgresLocation? {
        let name = try named
        return PostgresLocation.isURL(name) ? try PostgresLocation(url: name) : nil
    }

    /// Runs `body` with the path of a SQLite index to read and the index's name as messages show it: the
    /// file itself, or a local copy of one snapshot of a PostgreSQL store (deleted after).
    func withReadableIndex<T>(_ body: (_ path: String, _ name: String) async throws -> T) async throws -> T {
        try await withReadableIndexAndFormat { path, name, _ in try await body(path, name) }
    }

    /// `withReadableIndex`, also given the format version of a PostgreSQL store (nil for a file, whose local
    /// copy is the index itself): a local copy has the format of this build's SQLite files, not the store's.
    func withReadableIndexAndFormat<T>(_ body: (_ path: String, _ name: String, _ storeFormat: Int?) async throws -> T)
        async throws -> T
    {
        guard let location = try postgres() else {
            let path = try named
            return try await body(path, path, nil)
        }
        let store = try await PostgresStore.open(location, .existing)
        do {
            let result = try await store.withLocalCopy { path in
                try await body(path, location.description, store.formatVersion)
            }
            await store.close()
            return result
        } catch {
            await store.close()
            throw error
        }
    }
}
