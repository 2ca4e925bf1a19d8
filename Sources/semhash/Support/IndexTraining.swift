import ArgumentParser
import Foundation
import SemanticHashing

/// Trains the model of an index with checkpoints saved into it, resuming from the saved one when asked,
/// then makes it the index's model (see `IndexStore.adoptTrainedModel`).
struct IndexTraining {
    let store: IndexStore
    let trainer: ModelTrainer
    let checkpoints: CheckpointOptions
    let progress: ProgressPrinter

    /// Trains on `bags` (the index's documents over `vocabulary`) and stores the result.
    func run(on bags: [BagOfWords], vocabulary: Vocabulary) throws -> TrainingResult {
        let interruption = StopOnSignal()
        defer { interruption.restore() }
        let checkpoint = try resumableCheckpoint()
        let configuration = checkpoint?.configuration ?? trainer.configuration
        progress.log("training \(configuration.architectureDescription(vocabularySize: vocabulary.count)) on \(bags.count) documents")
        let schedule = CheckpointSchedule(interval: checkpoints.checkpointEvery, save: { checkpoint in
            do {
                try store.saveTrainingCheckpoint(checkpoint)
            } catch {
                progress.log("warning: the training checkpoint was not saved (\(error)); training goes on")
            }
        }, stopRequested: { interruption.isRequested })
        let result: TrainingResult
        do {
            result = try trainer.train(bags, vocabularySize: vocabulary.count, resuming: checkpoint,
                                       checkpoints: schedule) { progress.show($0) }
        } catch {
            guard case let .interrupted(position) = error else { throw error }
            progress.finishLine()
            FileHandle.standardError.write(Data(("interrupted: training stopped at \(position), its checkpoint saved in"
                + " \(store.path); run the same command with --resume to continue\n").utf8))
            throw ExitCode(130)
        }
        try store.adoptTrainedModel(result, vocabulary: vocabulary)
        return result
    }

    /// The checkpoint to resume from under `--resume`; says what it found either way.
    private func resumableCheckpoint() throws -> TrainingCheckpoint? {
        guard checkpoints.resume else {
            if try store.hasTrainingCheckpoint() {
                progress.log("note: the index holds the checkpoint of an interrupted training; "
                             + "starting over (pass --resume to continue it instead)")
            }
            return nil
        }
        guard let checkpoint = try store.loadTrainingCheckpoint() else {
            progress.log("note: no interrupted training to resume in \(store.path); training from the start")
            return nil
        }
        progress.log("resuming the interrupted training at \(checkpoint.position) "
                     + "(\(Int(checkpoint.elapsedSeconds)) s of training already done)")
        return checkpoint
    }
}
