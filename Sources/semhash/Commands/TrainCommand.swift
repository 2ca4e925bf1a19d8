import ArgumentParser
import SemanticHashing
import SemanticHashingPostgres

struct TrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train (or retrain) the model of an index on its documents, then re-encode every document.",
        discussion: """
            The new model and all codes replace the old ones in one transaction, and the topics of the old \
            codes are dropped (`semhash topics` finds topics in the new ones). A resumed training keeps the \
            model settings it started with. Training saves checkpoints into the index: after an interruption, \
            run the same command with --resume to continue where it stopped. On PostgreSQL the documents are \
            read from the store and trained on here; the checkpoint reaches the store when training stops \
            (Ctrl-C, SIGTERM or an error), and writers wait while the codes are replaced.
            """
    )

    @OptionGroup var location: IndexLocationOptions
    @OptionGroup(title: "Model") var modelOptions: ModelOptions
    @OptionGroup(title: "Training documents") var sampleOptions: TrainingSampleOptions
    @OptionGroup(title: "Interrupted training") var checkpointOptions: CheckpointOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var writeWait: WriteWaitOptions

    func run() async throws {
        let progress = ProgressPrinter(quiet: output.quiet || output.json)
        let configuration = try modelOptions.configuration()
        let training = IndexTraining(configuration: configuration, checkpoints: checkpointOptions)
        let sample = sampleOptions.sample(seed: configuration.seed)
        let result: TrainingResult
        let stored: String
        let documents: Int
        let droppedTopics: Int
        if let postgres = try location.postgres() {
            (result, documents, droppedTopics) = try await PostgresStore.using(postgres, .upgrading) { store in
                let topics = try await store.topicCount()
                if let note = shapeNote(storedArchitecture: try await store.modelArchitectureJSON(), training: configuration) {
                    progress.log(note)
                }
                let result = try await training.runReporting(to: progress, index: postgres.description) { stop, notes in
                    try await store.train(training, sample: sample, waiting: writeWait.indexOptions.busyTimeout,
                                          stopRequested: stop, notes: notes,
                                          progress: { progress.show($0) },
                                          reencoded: { progress.update("re-encoding the store's documents: \($0)") })
                }
                return (result, try await store.counts().documents, topics)
            }
            progress.finishLine()
            stored = postgres.description
        } else {
            let path = try location.named
            let store = try IndexStore.open(at: path, mode: .readWrite, options: writeWait.indexOptions)
            droppedTopics = try store.loadTopics().filter(\.isPlaced).count
            if let note = shapeNote(storedArchitecture: try store.loadModel()?.architectureJSON, training: configuration) {
                progress.log(note)
            }
            result = try await training.runReporting(to: progress, index: path) { stopRequested, notes in
                try training.run(in: store, sample: sample, stopRequested: stopRequested, notes: notes) {
                    progress.show($0)
                }
            }
            documents = try store.documentCount()
            stored = path
        }
        if output.json {
            try printJSON(result.report)
        } else {
            print(result.report.description)
            print("model \(result.model.architectureDescription) stored in \(stored); \(documents.counting("document")) re-encoded")
        }
        if droppedTopics > 0 {
            progress.log("note: the \(droppedTopics.counting("topic")) of the old codes were dropped; `semhash topics` finds them in the new ones")
        }
    }

    /// A note when a new training makes a model of another shape than the index's: options not given take
    /// the library's defaults, not the index's model's, so `train --seed 2` on a 3-D model trains a 10-D one.
    /// Nil when resuming (the checkpoint's settings apply) or when the shapes agree.
    private func shapeNote(storedArchitecture json: String?, training configuration: ModelConfiguration) -> String? {
        guard !checkpointOptions.resume, let json,
              let stored = try? JSONText.decode(ModelArchitecture.self, from: json) else { return nil }
        func shape(_ configuration: ModelConfiguration) -> String {
            (configuration.hiddenLayers + [configuration.codeSize]).map(String.init).joined(separator: "-")
                + (configuration.hashHeadBits.map { " with a \($0)-bit hash" } ?? "")
        }
        let before = shape(stored.configuration), after = shape(configuration)
        guard before != after else { return nil }
        return "note: the index's model is \(before) and this training makes \(after): model options not given "
            + "take their defaults (semhash help train), not the index's model's"
    }
}
