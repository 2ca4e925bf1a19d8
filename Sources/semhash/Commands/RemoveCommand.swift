import ArgumentParser
import SemanticHashing
import SemanticHashingPostgres

struct RemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove documents (with their codes and topic assignments) from an index, in one transaction."
    )

    @Argument(help: ArgumentHelp("The ids of the documents to remove.", valueName: "id"))
    var ids: [String]

    @OptionGroup var location: IndexLocationOptions
    @OptionGroup var writeWait: WriteWaitOptions

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func validate() throws {
        if ids.isEmpty { throw ValidationError("name at least one document id") }
    }

    func run() async throws {
        let path = try location.named
        let removed: Int, remaining: Int
        if let postgres = try location.postgres() {
            (removed, remaining) = try await PostgresStore.using(postgres, .upgrading) { store in
                (try await store.removeDocuments(externalIDs: ids), try await store.counts().documents)
            }
        } else {
            let store = try IndexStore.open(at: path, mode: .readWrite, options: writeWait.indexOptions)
            removed = try store.write { try store.removeDocuments(externalIDs: ids) }
            remaining = try store.documentCount()
        }
        if json {
            try printJSON(["removed": removed, "not_found": ids.count - removed, "documents": remaining])
        } else {
            print("removed \(removed) of \(ids.count.counting("document")) from \(path) (\(remaining) \(remaining.agreeing("remains", "remain")))")
            if removed < ids.count { print("\(ids.count - removed) ids were not in the index") }
        }
    }
}
