import ArgumentParser
import SemanticHashing
import SemanticHashingPostgres

struct AddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add documents to an index and encode them with its model (no retraining).",
        discussion: """
            A document whose id is already indexed is replaced. All documents are added in one transaction. On \
            PostgreSQL the documents are encoded here with the store's model, then written in one transaction; \
            several `add` processes may write to one store at once.
            """
    )

    @Argument(help: ArgumentHelp("The corpus to add: a folder, a JSONL file, or Reuters SGML.", valueName: "corpus"))
    var corpus: String

    @OptionGroup var location: IndexLocationOptions
    @OptionGroup(title: "Corpus") var corpusOptions: CorpusOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var writeWait: WriteWaitOptions

    func run() async throws {
        let progress = ProgressPrinter(quiet: output.quiet || output.json)
        let clock = ContinuousClock()
        let start = clock.now
        let summary: IndexingSummary
        let source = try corpusOptions.source(at: corpus)
        if let postgres = try location.postgres() {
            summary = try await PostgresStore.using(postgres, .upgrading) { store in
                if let note = corpusOptions.cleaningNote(for: source, indexMetadata: try await store.metadata()) {
                    progress.log(note)
                }
                let (ingested, model) = try await store.add(source, describing: corpus,
                                                            waiting: writeWait.indexOptions.busyTimeout,
                                                            progress: { show($0, on: progress) },
                                                            beforeWriting: { progress.update("writing to \(postgres)", force: true) })
                return IndexingSummary(index: postgres.description, ingested: ingested, model: model, training: nil,
                                       documentsInIndex: try await store.counts().documents,
                                       seconds: (clock.now - start).seconds)
            }
        } else {
            let path = try location.named
            let store = try IndexStore.open(at: path, mode: .readWrite, options: writeWait.indexOptions)
            if let note = corpusOptions.cleaningNote(for: source, indexMetadata: try store.metadata()) { progress.log(note) }
            let (ingested, model) = try CorpusIngestion().add(source, to: store, describing: corpus) { show($0, on: progress) }
            summary = IndexingSummary(index: path, ingested: ingested, model: model, training: nil,
                                      documentsInIndex: try store.documentCount(), seconds: (clock.now - start).seconds)
        }
        progress.finishLine()
        for warning in summary.warnings.prefix(10) { progress.log("warning: \(warning)") }
        if output.json { try printJSON(summary) } else { print(summary.text) }
    }

    private func show(_ reading: IngestionProgress, on progress: ProgressPrinter) {
        progress.update("reading \(reading.documents.counting("document"))")
    }
}
