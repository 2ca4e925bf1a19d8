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
    @OptionGroup var writeWait: WriteWaitOptions

    func run() throws {
        let path = try location.resolved(for: "train")
        let progress = ProgressPrinter(quiet: output.quiet || output.json)
        let store = try IndexStore.open(at: path, mode: .readWrite, options: writeWait.indexOptions)
        let training = IndexTraining(configuration: try modelOptions.configuration(), checkpoints: checkpointOptions)
        let result = try training.runReporting(to: progress, index: path) { stopRequested, notes in
            try training.run(in: store, stopRequested: stopRequested, notes: notes) { progress.show($0) }
        }
        if output.json {
            try printJSON(result.report)
        } else {
            print(result.report.description)
            print("model \(result.model.architectureDescription) stored in \(path); \(try store.documentCount()) documents re-encoded")
        }
    }
}
