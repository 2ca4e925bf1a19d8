/// One progress event, sent after every epoch of every stage so that a command line can show it.
public struct TrainingProgress: Sendable, CustomStringConvertible {
    public var phase: TrainingPhase
    /// 1-based RBM index during pretraining; nil during fine-tuning.
    public var layer: Int?
    /// RBMs in the stack.
    public var layerCount: Int
    /// The shape of the stage, e.g. "2000-500" for the first RBM or "2000-…-2000" for fine-tuning.
    public var shape: String
    /// 1-based epoch of `epochs`.
    public var epoch: Int
    public var epochs: Int
    /// Mean loss per document over the epoch: the reconstruction error during pretraining (cross-entropy
    /// in nats for the word layer, squared error for higher layers), the reconstruction cross-entropy in
    /// nats during fine-tuning.
    public var loss: Double
    public var examplesPerSecond: Double
    /// Seconds since training started.
    public var elapsedSeconds: Double
    /// Estimated seconds until training ends, from the floating-point work left at the throughput so far.
    public var remainingSeconds: Double

    public var description: String {
        let stage = layer.map { "pretraining layer \($0)/\(layerCount) (\(shape))" } ?? "fine-tuning (\(shape))"
        return "\(stage) epoch \(epoch)/\(epochs): loss \(ReportText.decimal(loss, digits: 4)), "
            + "\(Int(examplesPerSecond.rounded())) docs/s, elapsed \(ReportText.clock(elapsedSeconds)), "
            + "ETA \(ReportText.clock(remainingSeconds))"
    }
}
