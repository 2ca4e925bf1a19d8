import ArgumentParser
import Foundation
import SemanticHashing

extension IndexTraining {
    /// The library's training of an index, as `index` and `train` run it: Ctrl-C or SIGTERM saves a checkpoint
    /// and exits 130 (143 for SIGTERM); notes and progress go to stderr.
    init(configuration: ModelConfiguration, checkpoints: CheckpointOptions) {
        self.init(configuration: configuration, checkpointInterval: checkpoints.checkpointEvery,
                  resumes: checkpoints.resume)
    }

    /// Runs `body` (one of the `run` calls) with the first Ctrl-C or SIGTERM asking it to stop after the
    /// current epoch (`Interruption.requestingStop`), printing notes and turning that stop into exit status 130
    /// (143 for SIGTERM).
    func runReporting(to progress: ProgressPrinter, index: String,
                      _ body: (_ stopRequested: @escaping () -> Bool, _ notes: @escaping (Note) -> Void) async throws
                          -> TrainingResult) async throws -> TrainingResult {
        progress.noteSlowerBLASKernels()
        do {
            return try await Interruption.requestingStop(
                notice: "stopping after this epoch to save the training, or once a finished model is stored "
                    + "(interrupt again to quit at once)"
            ) { isRequested in
                try await body(isRequested) { note in progress.log(Self.text(of: note, index: index)) }
            }
        } catch let TrainingError.interrupted(position) {
            progress.finishLine()
            FileHandle.standardError.write(Data(("interrupted: training stopped at \(position), its checkpoint saved in"
                + " \(index); run the same command with --resume to continue\n").utf8))
            throw ExitCode(Interruption.stopExitStatus)
        }
    }

    private static func text(of note: Note, index: String) -> String {
        switch note {
        case let .starting(architecture, documents):
            return "training \(architecture) on \(documents) documents"
        case let .resuming(position, seconds, ignoringOtherSettings):
            return "resuming the interrupted training at \(position) (\(Int(seconds)) s of training already done)"
                + (ignoringOtherSettings ? "\nnote: a resumed training keeps the model settings it started with; "
                    + "the model options given now differ from them and are not applied" : "")
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
