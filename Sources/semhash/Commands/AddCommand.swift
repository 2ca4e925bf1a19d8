import ArgumentParser
import SemanticHashing

struct AddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add documents to an index and encode them with its model (no retraining).",
        discussion: "A document whose id is already indexed is replaced. All documents are added in one transaction."
    )

    @Argument(help: ArgumentHelp("The corpus to add: a folder, a JSONL file, or Reuters SGML.", valueName: "corpus"))
    var corpus: String

    @OptionGroup var location: IndexLocationOptions
    @OptionGroup(title: "Corpus") var corpusOptions: CorpusOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var writeWait: WriteWaitOptions

    func run() throws {
        let path = try location.resolved()
        let progress = ProgressPrinter(quiet: output.quiet || output.json)
        let store = try IndexStore.open(at: path, mode: .readWrite, options: writeWait.indexOptions)
        guard let vocabulary = try store.loadVocabulary(),
              let model = try store.loadSemanticHashingModel(vocabulary: vocabulary) else {
            throw IndexError.noModel(path)
        }
        let clock = ContinuousClock()
        let start = clock.now
        let ingestion = CorpusIngestion()
        let ingested = try ingestion.ingest(try corpusOptions.source(at: corpus), into: store, describing: corpus,
                                            encodingWith: model) { reading in
            progress.update("reading \(reading.documents) documents")
        }
        progress.finishLine()
        let summary = IndexingSummary(index: path, ingested: ingested, model: model, training: nil,
                                      documentsInIndex: try store.documentCount(),
                                      seconds: (clock.now - start).seconds)
        if output.json { try printJSON(summary) } else { print(summary.text) }
    }
}
