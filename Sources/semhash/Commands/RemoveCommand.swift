import ArgumentParser
import SemanticHashing

struct RemoveCommand: ParsableCommand {
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

    func run() throws {
        let path = try location.resolved()
        let store = try IndexStore.open(at: path, mode: .readWrite, options: writeWait.indexOptions)
        let removed = try store.write { try store.removeDocuments(externalIDs: ids) }
        let remaining = try store.documentCount()
        if json {
            try printJSON(["removed": removed, "not_found": ids.count - removed, "documents": remaining])
        } else {
            print("removed \(removed) of \(ids.count) documents from \(path) (\(remaining) remain)")
            if removed < ids.count { print("\(ids.count - removed) ids were not in the index") }
        }
    }
}
