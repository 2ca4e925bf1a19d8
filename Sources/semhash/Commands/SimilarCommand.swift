import ArgumentParser
import SemanticHashing

struct SimilarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "similar",
        abstract: "Find the documents closest in meaning to an indexed document."
    )

    @Argument(help: ArgumentHelp("The document's id (as `ask` and `similar` show it).", valueName: "id"))
    var id: String

    @OptionGroup var location: IndexLocationOptions
    @OptionGroup var search: SearchOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let answer = try await location.withReadableIndex { path, _ in try similarAnswer(in: path) }
        if output.json { try printJSON(answer) } else { print(answer.text) }
    }

    private func similarAnswer(in path: String) throws -> SearchAnswer {
        let store = try IndexStore.open(at: path, mode: .readOnly)
        // One snapshot for the document, the codes and the hits' documents, whatever another process writes.
        return try store.read {
            let searcher = try IndexSearcher(store: store)
            guard let document = try store.document(externalID: id),
                  let bag = try store.bags(ids: [document.id])[document.id] else {
                throw CommandError.unknownDocument(id)
            }
            guard !bag.isEmpty else { throw CommandError.documentWithoutWords(id) }
            return try searcher.answer(question: id, query: searcher.encode(bag: bag), request: search.request,
                                       excluding: document.id)
        }
    }
}
