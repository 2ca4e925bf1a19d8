import ArgumentParser
import SemanticHashing

struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train (or retrain) the model of an index on its documents, then re-encode every document.",
        discussion: """
            The new model and all codes replace the old ones in one transaction; topics are kept until \
            `semhash topics` runs again. Training saves checkpoints into the index: after an interruption, \
            run the same command with --resume to continue where it stopped.
            """
    )

    @OptionGroup var location: IndexLocationOptions
    @OptionGroup(title: "Model") var modelOptions: ModelOptions
    @OptionGroup(title: "Interrupted training") var checkpointOptions: CheckpointOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let path = try location.resolved()
        let progress = ProgressPrinter(quiet: output.quiet || output.json)
        let store = try IndexStore.open(at: path, mode: .readWrite)
        guard let vocabulary = try store.loadVocabulary() else { throw EvaluationDataError.emptyIndex(path) }
        var bags: [BagOfWords] = []
        try store.forEachBag { _, bag in bags.append(bag) }
        let training = IndexTraining(store: store, trainer: ModelTrainer(configuration: try modelOptions.configuration()),
                                     checkpoints: checkpointOptions, progress: progress)
        let result = try training.run(on: bags, vocabulary: vocabulary)
        if output.json {
            try printJSON(result.report)
        } else {
            print(result.report.description)
            print("model \(result.model.architectureDescription) stored in \(path); \(bags.count) documents re-encoded")
        }
    }
}
