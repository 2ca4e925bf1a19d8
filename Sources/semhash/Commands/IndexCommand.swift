import ArgumentParser
import Foundation
import SemanticHashing
import SemanticHashingPostgres

struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Index a corpus: read and tokenize it, train the model if the index has none, store codes and hashes.",
        discussion: """
            A new index chooses its vocabulary from this corpus and trains a deep autoencoder on it (or reuses \
            the model of another index with --model). Indexing into an existing index adds the documents (the \
            same id replaces a document) and encodes them with the stored model. Documents are stored in one \
            transaction before training; training saves checkpoints into the index, so an interrupted run \
            continues where it stopped when the same command runs again with --resume.
            """
    )

    @Argument(help: ArgumentHelp("The corpus: a folder, a JSONL file, or a Reuters-21578 folder.", valueName: "corpus"))
    var corpus: String

    @Option(name: .long, help: ArgumentHelp("The index file (created when missing). Default: Indexes/<corpus name>.sqlite.", valueName: "file"))
    var index: String?

    @OptionGroup(title: "Corpus") var corpusOptions: CorpusOptions
    @OptionGroup(title: "Text and vocabulary (new index only)") var textOptions: TextOptions
    @OptionGroup(title: "Model (when the index has none)") var modelOptions: ModelOptions
    @OptionGroup(title: "Interrupted training") var checkpointOptions: CheckpointOptions

    @Option(name: .long, help: ArgumentHelp("Reuse the trained model (and vocabulary) of another index instead of training.", valueName: "other-index"))
    var model: String?

    @OptionGroup var output: OutputOptions
    @OptionGroup var writeWait: WriteWaitOptions

    func run() throws {
        let path = index ?? Self.defaultIndexPath(for: corpus)
        if PostgresLocation.isURL(path) { throw CommandError.needsFile(command: "index", url: path) }
        let source = try corpusOptions.source(at: corpus)
        try FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(),
                                                withIntermediateDirectories: true)
        let isNew = !FileManager.default.fileExists(atPath: path)
        do {
            try index(source, into: path)
        } catch {
            // A first run that stored no document leaves no empty index behind to be picked up as a default.
            if isNew { IndexStore.removeIfEmpty(at: path) }
            throw error
        }
    }

    private func index(_ source: any DocumentSource, into path: String) throws {
        let progress = ProgressPrinter(quiet: output.quiet || output.json)
        let store = try IndexStore.openOrCreate(at: path, options: writeWait.indexOptions)
        if let model { try store.adoptModel(of: try IndexStore.open(at: model, mode: .readOnly)) }

        let clock = ContinuousClock()
        let start = clock.now
        let ingestion = CorpusIngestion(text: textOptions.textConfiguration,
                                        vocabulary: textOptions.vocabularyConfiguration)
        let existingModel = try store.loadVocabulary().flatMap { try store.loadSemanticHashingModel(vocabulary: $0) }
        let ingested = try ingestion.ingest(source, into: store, describing: corpus,
                                            encodingWith: existingModel) { reading in
            progress.update("reading \(reading.documents) documents, \(reading.bytes / 1_000_000) MB, \(Int(reading.elapsed.seconds)) s")
        }
        progress.log("read \(ingested.ids.count) documents (\(ingested.bytes / 1_000_000) MB, \(ingested.tokens) tokens) in \(String(format: "%.1f", ingested.seconds)) s; vocabulary \(ingested.vocabulary.count) terms; \(ingested.emptyDocumentCount) documents without a vocabulary word")
        for warning in ingested.corpus.warnings.prefix(10) { progress.log("warning: \(warning)") }

        var report: TrainingReport?
        let trainedModel: SemanticHashingModel
        if let existingModel {
            trainedModel = existingModel
        } else {
            let training = IndexTraining(configuration: try modelOptions.configuration(), checkpoints: checkpointOptions)
            let result = try training.runReporting(to: progress, index: path) { stopRequested, notes in
                try training.run(on: ingested.bags, vocabulary: ingested.vocabulary, in: store,
                                 stopRequested: stopRequested, notes: notes) { progress.show($0) }
            }
            report = result.report
            trainedModel = result.model
        }
        let summary = IndexingSummary(index: path, ingested: ingested, model: trainedModel, training: report,
                                      documentsInIndex: try store.documentCount(), seconds: (clock.now - start).seconds)
        if output.json {
            try printJSON(summary)
        } else {
            print(summary.text)
        }
    }

    /// `Indexes/<last path component of the corpus>.sqlite`.
    static func defaultIndexPath(for corpus: String) -> String {
        let name = URL(fileURLWithPath: corpus).deletingPathExtension().lastPathComponent
        return "Indexes/\(name.isEmpty ? "index" : name).sqlite"
    }
}
