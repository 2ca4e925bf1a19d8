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
    /// Estimated seconds until training ends: the work left at the pace so far (`ProgressTracker`).
    public var remainingSeconds: Double

    public var description: String {
        let stage = layer.map { "pretraining layer \($0)/\(layerCount) (\(shape))" } ?? "\(phase.rawValue) (\(shape))"
        return "\(stage) epoch \(epoch)/\(epochs): loss \(ReportText.decimal(loss, digits: 4)), "
            + "\(Int(examplesPerSecond.rounded())) docs/s, elapsed \(ReportText.clock(elapsedSeconds)), "
            + "ETA \(ReportText.clock(remainingSeconds))"
    }
}

/// The stages of training: greedy RBM pretraining, back-propagation fine-tuning of the real code, then
/// fine-tuning of the hash head (when the model has one).
public enum TrainingPhase: String, Codable, Sendable {
    case pretraining
    case fineTuning = "fine-tuning"
    /// The hash head's two new layers pretrained as one RBM on the layer below the code, when the head keeps the
    /// real code's softmax layer (`HashHeadWordLayers.softmaxKept`, `.kept`).
    case hashHeadPretraining = "hash head pretraining"
    case hashFineTuning = "hash fine-tuning"

    /// About how many times longer a floating-point operation of this stage takes than one of back-propagation,
    /// so that the ETA prices the work left at each stage's own pace, not at the pace of the stage running now.
    /// In the default training on 20 Newsgroups (`Scripts/bench-train.sh`, eight runs on 2026-12-07) the word
    /// layer's RBM, with its drawn tokens and scattered products, ran at 1.4 to 1.9 times fewer GFLOP/s than
    /// the fine-tuning (median 1.8), the hash head's RBM at 1.3 to 2.5 times fewer, and the hash head's
    /// fine-tuning at 0.9 to 1.2 times the fine-tuning's.
    var relativeCost: Double {
        switch self {
        case .pretraining, .hashHeadPretraining: return 1.8
        case .fineTuning, .hashFineTuning: return 1
        }
    }
}

/// A trained model with the report of how it was trained.
public struct TrainingResult: Sendable {
    public var model: SemanticHashingModel
    public var report: TrainingReport
}

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

/// Turns epoch records into progress events (with an ETA) and accumulates the per-stage report; a run
/// restarting at epoch 1 (the logistic-code fine-tuning after the linear one) opens a new stage.
///
/// The ETA is the work left at the pace so far, work being floating-point operations weighted by their stage's
/// `TrainingPhase.relativeCost`.
struct ProgressTracker {
    /// The whole training's work: its floating-point operations weighted by their stage's relative cost.
    let plannedWork: Double
    let widths: [Int]
    /// The hash head's bits, which replace the code's width in the shape of its fine-tuning.
    let hashBits: Int?
    private(set) var stages: [TrainingReport.Stage] = []
    /// The work done so far, weighted as `plannedWork` is.
    private(set) var doneWork = 0.0

    init(plannedWork: Double, widths: [Int], hashBits: Int? = nil) {
        self.plannedWork = plannedWork
        self.widths = widths
        self.hashBits = hashBits
    }

    /// A tracker that continues the stages of a checkpointed run.
    init(plannedWork: Double, widths: [Int], hashBits: Int?, stages: [TrainingReport.Stage], doneWork: Double) {
        self.init(plannedWork: plannedWork, widths: widths, hashBits: hashBits)
        self.stages = stages
        self.doneWork = doneWork
    }

    mutating func record(_ epoch: EpochRecord, elapsed: Double) -> TrainingProgress {
        var unrolled = widths
        if epoch.phase == .hashFineTuning, let hashBits { unrolled[unrolled.count - 1] = hashBits }
        let shape = epoch.phase == .hashHeadPretraining ? "\(widths[widths.count - 2])-\(hashBits ?? 0)"
            : epoch.layer.map { "\(widths[$0 - 1])-\(widths[$0])" }
                ?? (unrolled + unrolled.reversed().dropFirst()).map(String.init).joined(separator: "-")
        if let last = stages.last, last.phase == epoch.phase, last.layer == epoch.layer, epoch.epoch > 1 {
            stages[stages.count - 1].epochs = epoch.epoch
            stages[stages.count - 1].seconds += epoch.seconds
            stages[stages.count - 1].flops += epoch.flops
            stages[stages.count - 1].losses.append(epoch.loss)
        } else {
            stages.append(TrainingReport.Stage(phase: epoch.phase, layer: epoch.layer, shape: shape, epochs: epoch.epoch,
                                               seconds: epoch.seconds, flops: epoch.flops, losses: [epoch.loss]))
        }
        doneWork += epoch.flops * epoch.phase.relativeCost
        let rate = elapsed > 0 ? doneWork / elapsed : 0
        return TrainingProgress(phase: epoch.phase, layer: epoch.layer, layerCount: widths.count - 1, shape: shape,
                                epoch: epoch.epoch, epochs: epoch.epochs, loss: epoch.loss,
                                examplesPerSecond: epoch.seconds > 0 ? Double(epoch.examples) / epoch.seconds : 0,
                                elapsedSeconds: elapsed,
                                remainingSeconds: rate > 0 ? max(0, plannedWork - doneWork) / rate : .infinity)
    }
}
