import ArgumentParser
import Foundation

/// `--index <file>`: which index file a command works on.
///
/// When omitted: `$SEMHASH_INDEX` if set, else the only `.sqlite` file in `Indexes/`.
struct IndexLocationOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The index file (SQLite).",
        discussion: "Defaults to $SEMHASH_INDEX, else the only .sqlite file in Indexes/.",
        valueName: "file"))
    var index: String?

    /// The index path to use, resolved as documented on `index`.
    func resolved() throws -> String {
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
