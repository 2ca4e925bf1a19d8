/// Everything a training needs to continue exactly where it was between two epochs: the generators, the
/// finished and current RBMs, the current fine-tuning run, and the report so far.
///
/// Exactly one of `pretraining` and `fineTuning` is set while training runs.
struct TrainingState {
    /// Draws the initial weights (RBMs or Glorot) and the fresh code layer of the logistic stage.
    var pretrainingRandom: RandomSource
    /// Draws each fine-tuning run's generators.
    var fineTuningRandom: RandomSource
    /// The pretrained RBMs, bottom (words) first.
    var machines: [RestrictedBoltzmannMachine]
    var pretraining: PretrainingRun?
    var fineTuning: FineTuningRun?
    /// Fine-tuning runs finished before `fineTuning`: 1 during the logistic stage of the default recipe.
    var finishedFineTuningRuns: Int
    /// The per-stage report and the work done, for the report and the ETA.
    var stages: [TrainingReport.Stage]
    var doneFlops: Double
    /// Seconds of training behind this state, over every process that worked on it.
    var elapsedSeconds: Double

    /// Where the training stands, e.g. "fine-tuning run 2 of 2, epoch 7 of 20".
    func position(_ configuration: ModelConfiguration) -> String {
        if let pretraining {
            return "pretraining layer \(pretraining.layer + 1) of \(configuration.hiddenLayers.count + 1), "
                + "epoch \(pretraining.completedEpochs) of \(configuration.pretraining.epochs)"
        }
        return "fine-tuning run \(finishedFineTuningRuns + 1) of \(configuration.fineTuningRuns), "
            + "epoch \(fineTuning?.completedEpochs ?? 0) of \(configuration.fineTuning.epochs)"
    }
}
