/// What one finished training epoch reports to the trainer (which turns it into `TrainingProgress`).
struct EpochRecord {
    var phase: TrainingPhase
    /// 1-based RBM index during pretraining; nil during fine-tuning.
    var layer: Int?
    var epoch: Int
    var epochs: Int
    /// Mean loss per document over the epoch: reconstruction error in pretraining, reconstruction
    /// cross-entropy (nats) in fine-tuning.
    var loss: Double
    var examples: Int
    var seconds: Double
    var flops: Double
}
