import ArgumentParser
import Foundation
import SemanticHashing
import Dispatch

extension IndexTraining {
    /// The library's training of an index, as `index` and `train` run it: Ctrl-C or SIGTERM saves a checkpoint
    /// and exits 130; notes and progress go to stderr.
    init(configuration: ModelConfiguration, checkpoints: CheckpointOptions) {
        self.init(configuration: configuration, checkpointInterval: checkpoints.checkpointEvery,
                  resumes: checkpoints.resume)
    }

    /// Runs `body` (one of the `run` calls) with signals caught, printing notes and turning an interruption
    /// into exit status 130.
    func runReporting(to progress: ProgressPrinter, index: String,
                      _ body: (_ stopRequested: @escaping () -> Bool, _ notes: @escaping (Note) -> Void) async throws
                          -> TrainingResult) async throws -> TrainingResult {
        let interruption = StopOnSignal()
        defer { interruption.restore() }
        do {
            return try await body({ interruption.isRequested }) { note in progress.log(Self.text(of: note, index: index)) }
        } catch let TrainingError.interrupted(position) {
            progress.finishLine()
            FileHandle.standardError.write(Data(("interrupted: training stopped at \(position), its checkpoint saved in"
                + " \(index); run the same command with --resume to continue\n").utf8))
            throw ExitCode(130)
        }
    }

    private static func text(of note: Note, index: String) -> String {
        switch note {
        case let .starting(architecture, documents):
            return "training \(architecture) on \(documents) documents"
        case let .resuming(position, seconds):
            return "resuming the interrupted training at \(position) (\(Int(seconds)) s of training already done)"
        case .nothingToResume:
            return "note: no interrupted training to resume in \(index); training from the start"
        case .startingOverAnInterruptedTraining:
            return "note: the index holds the checkpoint of an interrupted training; "
                + "starting over (pass --resume to continue it instead)"
        case let .checkpointNotSaved(reason):
            return "warning: the training checkpoint was not saved (\(reason)); training goes on"
        }
    }
}

/// Turns the first Ctrl-C (SIGINT) or SIGTERM during training into a request to stop after the current
/// epoch with a checkpoint saved; a second signal ends the process at once, as the default handling would.
final class StopOnSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var received = 0
    private var sources: [DispatchSourceSignal] = []

    /// Starts catching SIGINT and SIGTERM until `restore()`.
    init() {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [unowned self] in self.receive(number) }
            source.resume()
            sources.append(source)
        }
    }

    /// Whether a signal asked training to stop.
    var isRequested: Bool { lock.withLock { received > 0 } }

    /// Gives SIGINT and SIGTERM back their default handling.
    func restore() {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }

    private func receive(_ number: Int32) {
        let count = lock.withLock {
            received += 1
            return received
        }
        guard count == 1 else { _exit(128 + number) }
        FileHandle.standardError.write(Data(
            "\nstopping after this epoch to save the training (interrupt again to quit at once)\n".utf8))
    }
}
