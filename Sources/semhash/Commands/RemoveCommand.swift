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

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if ids.isEmpty { throw ValidationError("name at least one document id") }
    }

    func run() async throws {
        let ids = self.ids.uniqued()
        let wait = writeWait.indexOptions.busyTimeout
        let removed: Set<String>, remaining: Int
        // The index as messages show it: a store's URL without its password.
        let index: String
        if let postgres = try location.postgres() {
            index = postgres.description
            (removed, remaining) = try await PostgresStore.using(postgres, .upgrading) { store in
                (try await store.removeDocuments(externalIDs: ids, waiting: wait), try await store.counts().documents)
            }
        } else {
            let path = try location.named
            index = path
            let store = try IndexStore.open(at: path, mode: .readWrite, options: writeWait.indexOptions)
            removed = try store.write { try store.removeDocuments(externalIDs: ids) }
            remaining = try store.documentCount()
        }
        let notFound = ids.filter { !removed.contains($0) }
        if output.json {
            try printJSON(RemovalReport(removed: removed.count, notFound: notFound.count, notFoundIDs: notFound,
                                        documents: remaining))
        } else {
            print("removed \(removed.count) of \(ids.count.counting("document")) from \(index) (\(remaining) \(remaining.agreeing("remains", "remain")))")
            if !notFound.isEmpty { print("not in the index: \(notFound.joined(separator: ", "))") }
        }
    }
}

/// What `remove --json` prints.
private struct RemovalReport: Encodable {
    var removed: Int
    var notFound: Int
    /// The ids named that no document had, in the order given.
    var notFoundIDs: [String]
    var documents: Int

    enum CodingKeys: String, CodingKey {
        case removed, notFound = "not_found", notFoundIDs = "not_found_ids", documents
    }
}
