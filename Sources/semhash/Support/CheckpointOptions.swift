import ArgumentParser
import SemanticHashing

/// `--resume` and `--checkpoint-every`: how `index` and `train` survive an interrupted training.
struct CheckpointOptions: ParsableArguments {
    @Flag(name: .long, help: ArgumentHelp(
        "Continue an interrupted training from the checkpoint saved in the index.",
        discussion: "The resumed training follows the settings it started with and ends with the model the uninterrupted training would have made."))
    var resume = false

    @Option(name: .long, help: ArgumentHelp(
        "Save the training state into the index at most this often (0: after every epoch).", valueName: "seconds"))
    var checkpointEvery = IndexTraining().checkpointInterval

    func validate() throws {
        guard checkpointEvery >= 0, checkpointEvery.isFinite else {
            throw ValidationError("--checkpoint-every must be a number of seconds, 0 or more (got \(checkpointEvery))")
        }
    }
}
