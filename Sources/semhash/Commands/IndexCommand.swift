import ArgumentParser
import Foundation
import SemanticHashing
import SemanticHashingPostgres

struct IndexCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Index a corpus: read and tokenize it, train the model if the index has none, store codes and hashes.",
        discussion: """
            A new index chooses its vocabulary from this corpus and trains a deep autoencoder on it (or reuses \
            the model of another index with --model). Indexing into an existing index adds the documents (the \
            same id replaces a document) and encodes them with the stored model. Documents are stored in one \
            transaction before training; training saves checkpoints into the index, so an interrupted run \
            continues where it stopped when the same command runs again with --resume. On PostgreSQL \
            (--index postgresql://…, the schema created when the database has none) the corpus is read and \
            tokenized here and written in one transaction; a store without a model is then trained on its \
            documents (see `semhash train`), a store with one gets the documents encoded by it.
            """
    )

    @Argument(help: ArgumentHelp("The corpus: a folder, a JSONL file, or a Reuters-21578 folder.", valueName: "corpus"))
    var corpus: String

    @Option(name: .long, help: ArgumentHelp("The index file (created when missing) or a PostgreSQL store (postgresql://…). Default: Indexes/<corpus name>.sqlite.", valueName: "file-or-url"))
    var index: String?

    @OptionGroup(title: "Corpus") var corpusOptions: CorpusOptions
    @OptionGroup(title: "Text and vocabulary (new index only)") var textOptions: TextOptions
    @OptionGroup(title: "Model (when the index has none)") var modelOptions: ModelOptions
    @OptionGroup(title: "Training documents") var sampleOptions: TrainingSampleOptions
    @OptionGroup(title: "Interrupted training") var checkpointOptions: CheckpointOptions

    @Option(name: .long, help: ArgumentHelp("Reuse the trained model (and vocabulary) of another index instead of training.", valueName: "other-index"))
    var model: String?

    @OptionGroup var output: OutputOptions
    @OptionGroup var writeWait: WriteWaitOptions

    func run() async throws {
        let path = try IndexLocationOptions.checked(index ?? Self.defaultIndexPath(for: corpus))
        let source = try corpusOptions.source(at: corpus)
        if PostgresLocation.isURL(path) {
            let location = try PostgresLocation(url: path)
            try await PostgresStore.using(location, .creating) { store in try await index(source, into: store) }
            return
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw IndexError.cannotOpen(path, "its folder \(folder.path) cannot be made: \(Self.obstacle(to: folder))")
        }
        guard !FileManager.default.fileExists(atPath: path) else { return try await index(source, into: path) }
        // A first run that stores no document (an error, Ctrl-C) leaves no empty index behind to be picked up as
        // a default.
        @Sendable func removeIfEmpty() { IndexStore.removeIfEmpty(at: path) }
        do {
            try await InterruptionCleanup.whileRunning(removeIfEmpty) { try await index(source, into: path) }
        } catch {
            removeIfEmpty()
            throw error
        }
    }

    private func index(_ source: any DocumentSource, into path: String) async throws {
        let progress = ProgressPrinter(quiet: output.quiet || output.json)
        let store = try IndexStore.openOrCreate(at: path, options: writeWait.indexOptions)
        let start = ContinuousClock.now
        let ingested = try ingest(source, into: store, progress: progress)
        try await finish(ingested, index: path, since: start, progress: progress,
                         documentsInIndex: { try store.documentCount() }) { training, configuration, stopRequested, notes in
            let bags = sampleOptions.sample(seed: configuration.seed)
                .map { $0.choose(from: ingested.ids, values: ingested.bags) } ?? ingested.bags
            return try training.run(on: bags, vocabulary: ingested.vocabulary, in: store,
                                    stopRequested: stopRequested, notes: notes) { progress.show($0) }
        }
    }

    /// Indexes into a PostgreSQL store: the corpus is read into a local index holding the store's settings,
    /// vocabulary and model (encoded when there is a model), written to the store in one transaction, and a
    /// store without a model is then trained on its documents.
    private func index(_ source: any DocumentSource, into store: PostgresStore) async throws {
        let progress = ProgressPrinter(quiet: output.quiet || output.json)
        let start = ContinuousClock.now
        let name = store.location.description
        // A store without a model trains one after the documents are written: hashes it cannot hold are
        // refused before anything is read.
        if try await !store.hasModel() { try store.checkHashBits(try modelOptions.configuration().hashBitCount) }
        let ingested = try await store.withLocalHeader { local in
            var ingested = try ingest(source, into: local, progress: progress)
            progress.update("writing to \(name)", force: true)
            ingested.replacedCount = try await store.write(from: local, .indexRun, waiting: writeWait.indexOptions.busyTimeout).replaced
            progress.finishLine()
            return ingested
        }
        try await finish(ingested, index: name, since: start, progress: progress,
                         documentsInIndex: { try await store.counts().documents }) { training, configuration, stopRequested, notes in
            let result = try await store.train(training, sample: sampleOptions.sample(seed: configuration.seed),
                                               waiting: writeWait.indexOptions.busyTimeout, stopRequested: stopRequested, notes: notes, progress: { progress.show($0) },
                                               reencoded: { progress.update("encoding the store's documents: \($0)") })
            progress.finishLine()
            return result
        }
    }

    /// Trains the index when it had no model to encode `ingested` with (`train`: the store's own training, given
    /// the training and its configuration), then prints what was indexed.
    private func finish(_ ingested: IngestionResult, index name: String,
                        since start: ContinuousClock.Instant, progress: ProgressPrinter,
                        documentsInIndex: () async throws -> Int,
                        train: (IndexTraining, ModelConfiguration, _ stopRequested: @escaping () -> Bool,
                                _ notes: @escaping (IndexTraining.Note) -> Void) async throws -> TrainingResult) async throws {
        var report: TrainingReport?
        let trainedModel: SemanticHashingModel
        if let existingModel = ingested.model {
            trainedModel = existingModel
        } else {
            let configuration = try modelOptions.configuration()
            let training = IndexTraining(configuration: configuration, checkpoints: checkpointOptions)
            let result = try await training.runReporting(to: progress, index: name) { stopRequested, notes in
                try await train(training, configuration, stopRequested, notes)
            }
            report = result.report
            trainedModel = result.model
        }
        let summary = IndexingSummary(index: name, ingested: ingested, model: trainedModel, training: report,
                                      documentsInIndex: try await documentsInIndex(),
                                      seconds: (ContinuousClock.now - start).seconds)
        if output.json {
            try printJSON(summary)
        } else {
            print(summary.text)
        }
    }

    /// Reads `source` into `store` (after adopting `--model`'s model, when given), encoding it when the index
    /// has a model already (the one it held when reading began: `IndexError.changedMeanwhile` if another process
    /// stored another meanwhile), and logs what was read; returns the ingestion (its `model`, the one that
    /// encoded it).
    private func ingest(_ source: any DocumentSource, into store: IndexStore, progress: ProgressPrinter) throws
        -> IngestionResult
    {
        if let model {
            do {
                try store.adoptModel(of: try IndexStore.open(at: model, mode: .readOnly))
            } catch IndexError.modelVocabularyMismatch {
                throw ValidationError("--model applies to a new index or one with the same vocabulary: \(store.path) "
                    + "has a vocabulary of its own, and its model was left as it is; index into a new file to use "
                    + "\(model)'s model")
            }
        }
        let ingestion = CorpusIngestion(text: textOptions.textConfiguration,
                                        vocabulary: textOptions.vocabularyConfiguration)
        let hasVocabulary = try store.vocabularySize() > 0
        let hasModel = try store.modelStamp() != nil
        let asksForOtherModel = try modelOptions.configuration() != ModelConfiguration()
        if let model, textOptions.asksForOtherThanTheDefaults || asksForOtherModel {
            progress.log("note: the vocabulary, text settings and model are \(model)'s; the text, vocabulary and "
                + "model options are not used with --model")
        } else {
            if hasVocabulary && textOptions.asksForOtherThanTheDefaults {
                progress.log("note: the index keeps its vocabulary and text settings; the text and vocabulary "
                    + "options apply to a new index only")
            }
            if hasModel && asksForOtherModel {
                progress.log("note: the index's model encodes these documents; the model options apply to an "
                    + "index without one (`semhash train` retrains with them)")
            }
        }
        let ingested = try ingestion.ingest(source, into: store, describing: corpus, encoding: true) { reading in
            progress.update("reading \(reading.documents.counting("document")), \(reading.bytes / 1_000_000) MB, \(Int(reading.elapsed.seconds)) s")
        }
        progress.log("read \(ingested.ids.count.counting("document")) (\(ingested.bytes / 1_000_000) MB, \(ingested.tokens) tokens) in \(String(format: "%.1f", ingested.seconds)) s; vocabulary \(ingested.vocabulary.count.counting("term")); \(ingested.emptyDocumentCount.counting("document")) without a vocabulary word")
        for warning in ingested.corpus.warnings.prefix(10) { progress.log("warning: \(warning)") }
        return ingested
    }

    /// Why `folder` cannot be made: its nearest existing ancestor is a file, or cannot be written.
    private static func obstacle(to folder: URL) -> String {
        var ancestor = folder
        var isFolder: ObjCBool = false
        while !FileManager.default.fileExists(atPath: ancestor.path, isDirectory: &isFolder) && ancestor.path != "/" {
            ancestor = ancestor.deletingLastPathComponent()
        }
        if !isFolder.boolValue { return "\(ancestor.path) is a file, not a folder" }
        return "\(ancestor.path) is not writable"
    }

    /// `Indexes/<last path component of the corpus>.sqlite`.
    static func defaultIndexPath(for corpus: String) -> String {
        let name = URL(fileURLWithPath: corpus).deletingPathExtension().lastPathComponent
        return "Indexes/\(name.isEmpty ? "index" : name).sqlite"
    }
}
