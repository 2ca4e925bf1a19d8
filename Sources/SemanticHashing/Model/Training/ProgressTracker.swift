/// Turns epoch records into progress events (with an ETA) and accumulates the per-stage report; a run
/// restarting at epoch 1 (the logistic-code fine-tuning after the linear one) opens a new stage.
struct ProgressTracker {
    let plannedFlops: Double
    let widths: [Int]
    private(set) var stages: [TrainingReport.Stage] = []
    private(set) var doneFlops = 0.0

    init(plannedFlops: Double, widths: [Int]) {
        self.plannedFlops = plannedFlops
        self.widths = widths
    }

    /// A tracker that continues the stages of a checkpointed run.
    init(plannedFlops: Double, widths: [Int], stages: [TrainingReport.Stage], doneFlops: Double) {
        self.init(plannedFlops: plannedFlops, widths: widths)
        self.stages = stages
        self.doneFlops = doneFlops
    }

    mutating func record(_ epoch: EpochRecord, elapsed: Double) -> TrainingProgress {
        let shape = epoch.layer.map { "\(widths[$0 - 1])-\(widths[$0])" }
            ?? (widths + widths.reversed().dropFirst()).map(String.init).joined(separator: "-")
        if let last = stages.last, last.phase == epoch.phase, last.layer == epoch.layer, epoch.epoch > 1 {
            stages[stages.count - 1].epochs = epoch.epoch
            stages[stages.count - 1].seconds += epoch.seconds
            stages[stages.count - 1].flops += epoch.flops
            stages[stages.count - 1].losses.append(epoch.loss)
        } else {
            stages.append(TrainingReport.Stage(phase: epoch.phase, layer: epoch.layer, shape: shape, epochs: epoch.epoch,
                                               seconds: epoch.seconds, flops: epoch.flops, losses: [epoch.loss]))
        }
        doneFlops += epoch.flops
        let rate = elapsed > 0 ? doneFlops / elapsed : 0
        return TrainingProgress(phase: epoch.phase, layer: epoch.layer, layerCount: widths.count - 1, shape: shape,
                                epoch: epoch.epoch, epochs: epoch.epochs, loss: epoch.loss,
                                examplesPerSecond: epoch.seconds > 0 ? Double(epoch.examples) / epoch.seconds : 0,
                                elapsedSeconds: elapsed,
                                remainingSeconds: rate > 0 ? max(0, plannedFlops - doneFlops) / rate : .infinity)
    }
}
