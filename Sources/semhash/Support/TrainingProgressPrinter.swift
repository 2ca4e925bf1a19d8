import SemanticHashing

extension ProgressPrinter {
    /// Shows a training epoch; the last epoch of each stage stays on screen.
    func show(_ progress: TrainingProgress) {
        if progress.epoch == progress.epochs {
            log(progress.description)
        } else {
            update(progress.description)
        }
    }
}
