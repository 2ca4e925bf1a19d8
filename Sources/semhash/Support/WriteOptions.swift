import ArgumentParser
import SemanticHashing

/// `--wait <seconds>`, shared by the commands that write to an index (index, add, remove, train, topics).
///
/// SQLite lets one process write an index at a time. A second writer retries for this long, then fails with
/// the one-line "index is busy" error instead of waiting forever or touching the file.
struct WriteWaitOptions: ParsableArguments {
    /// The longest wait that is accepted: a day, well inside SQLite's millisecond busy timeout.
    static let maximumSeconds = 86_400.0

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp(
        "How long to wait for another semhash process that is writing to the same index.",
        discussion: "After this many seconds (fractions allowed, 0 fails at once) the command stops with an 'index is busy' error.",
        valueName: "seconds"))
    var wait = IndexOptions().busyTimeout.seconds

    func validate() throws {
        guard wait >= 0, wait <= Self.maximumSeconds else {
            throw ValidationError("--wait takes seconds from 0 to \(Int(Self.maximumSeconds)), got \(wait)")
        }
    }

    /// The index options of a command that writes: the default options with `busyTimeout` set to `wait`.
    var indexOptions: IndexOptions {
        var options = IndexOptions()
        options.busyTimeout = .milliseconds(Int((wait * 1000).rounded()))
        return options
    }
}

/// `--resume` and `--checkpoint-every`: how `index` and `train` survive an interrupted training.
struct CheckpointOptions: ParsableArguments {
    @Flag(name: .long, help: ArgumentHelp(
        "Continue an interrupted training from the checkpoint saved in the index.",
        discussion: "The resumed training follows the settings it started with and ends with the model the uninterrupted training would have made."))
    var resume = false

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp(
        "Save the training state into the index at most this often (0: after every epoch); a PostgreSQL store's training saves it into its local copy, and the store gets it when training stops (Ctrl-C, SIGTERM or an error), not when the process is killed.", valueName: "seconds"))
    var checkpointEvery = IndexTraining().checkpointInterval

    func validate() throws {
        guard checkpointEvery >= 0, checkpointEvery.isFinite else {
            throw ValidationError("--checkpoint-every must be a number of seconds, 0 or more (got \(checkpointEvery))")
        }
    }
}

/// `--train-sample <n>`: how many documents `index` and `train` train on when the collection is large.
struct TrainingSampleOptions: ParsableArguments {
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp(
        "Train on n documents chosen uniformly at random (seeded by --seed) instead of all of them.",
        discussion: "For a collection too large to train on whole; every document is still encoded with the model.",
        valueName: "n"))
    var trainSample: Int?

    func validate() throws {
        if let trainSample, trainSample < 1 {
            throw ValidationError("--train-sample takes a number of documents, 1 or more (got \(trainSample))")
        }
    }

    /// The sample to train on, drawn with `seed` (the model's seed); nil to train on every document.
    func sample(seed: UInt64) -> TrainingSample? {
        trainSample.map { TrainingSample(size: $0, seed: seed) }
    }
}
