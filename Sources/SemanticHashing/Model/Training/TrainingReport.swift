/// What training did and how fast: per-stage wall time, floating-point work and final losses.
///
/// FLOPs count the matrix products only, as done: 2·m·n·k for a dense product, 2·(stored entries)·n for a
/// product with the word layer's sparse input (its up pass and gradient); element-wise work is excluded. So
/// GFLOP/s is comparable with `referenceProductGFLOPS`, a plain dense product of the first layer's shape
/// (batch × vocabulary by vocabulary × first hidden width) measured at the start of the same run, and the
/// sparse products, which do less work per second than a dense one, lower it.
public struct TrainingReport: Sendable, Codable, CustomStringConvertible {
    /// One RBM's pretraining, or the fine-tuning.
    public struct Stage: Sendable, Codable {
        /// Pretraining, the code's fine-tuning, or the hash head's.
        public var phase: TrainingPhase
        /// 1-based RBM index for pretraining stages; nil for fine-tuning.
        public var layer: Int?
        /// The layer widths the stage trained, e.g. "5000-500" for an RBM, "5000-500-10" for fine-tuning.
        public var shape: String
        /// Epochs run (fewer than asked when fine-tuning stopped early).
        public var epochs: Int
        /// Wall time of the stage.
        public var seconds: Double
        /// Floating-point operations of its matrix products (see the type's description).
        public var flops: Double
        /// Mean loss per document of each epoch (see `TrainingProgress.loss`).
        public var losses: [Double]

        /// The stage's speed, GFLOP/s (0 for a stage of no time).
        public var gflopsPerSecond: Double { seconds > 0 ? flops / seconds / 1e9 : 0 }
        /// The last epoch's loss, nil for a stage of no epochs.
        public var finalLoss: Double? { losses.last }
    }

    /// Every stage in the order run.
    public var stages: [Stage]
    /// GFLOP/s of the plain dense product measured at the start of the run (see the type's description).
    public var referenceProductGFLOPS: Double
    /// OpenBLAS threads the run used.
    public var threads: Int
    /// Documents trained on (those with at least one vocabulary word).
    public var trainingDocuments: Int
    /// Bags without an in-vocabulary word, left out of training.
    public var skippedEmptyDocuments: Int
    /// The fine-tuning epoch whose weights the model keeps (lowest loss; 0 without fine-tuning).
    public var fineTuningBestEpoch: Int
    /// True when fine-tuning stopped because its loss rose `patience` epochs in a row.
    public var fineTuningStoppedEarly: Bool
    /// Wall time of building the nearest-neighbour graph for neighbour-aware targets (nil without them).
    public var neighbourGraphSeconds: Double?
    /// Wall time of finding the spectral teacher's bits (nil without a teacher).
    public var spectralBitsSeconds: Double?
    /// Wall time of the whole `train` call, including thresholds and bookkeeping.
    public var totalSeconds: Double

    /// Wall time, work and speed of each phase over its stages: every RBM's pretraining, the code's
    /// fine-tuning, the hash head's fine-tuning (0 for a phase that did not run).
    public var pretrainingSeconds: Double { total(\.seconds, of: .pretraining) }
    /// See `pretrainingSeconds`.
    public var pretrainingFlops: Double { total(\.flops, of: .pretraining) }
    /// See `pretrainingSeconds`.
    public var fineTuningSeconds: Double { total(\.seconds, of: .fineTuning) }
    /// See `pretrainingSeconds`.
    public var fineTuningFlops: Double { total(\.flops, of: .fineTuning) }
    /// See `pretrainingSeconds`.
    public var pretrainingGFLOPS: Double { pretrainingSeconds > 0 ? pretrainingFlops / pretrainingSeconds / 1e9 : 0 }
    /// See `pretrainingSeconds`.
    public var fineTuningGFLOPS: Double { fineTuningSeconds > 0 ? fineTuningFlops / fineTuningSeconds / 1e9 : 0 }
    /// See `pretrainingSeconds`.
    public var hashFineTuningSeconds: Double { total(\.seconds, of: .hashFineTuning) }
    /// See `pretrainingSeconds`.
    public var hashFineTuningFlops: Double { total(\.flops, of: .hashFineTuning) }
    /// See `pretrainingSeconds`.
    public var hashFineTuningGFLOPS: Double {
        hashFineTuningSeconds > 0 ? hashFineTuningFlops / hashFineTuningSeconds / 1e9 : 0
    }

    /// One line per stage, then the phases' totals beside the reference product, as `index` and `train` log.
    public var description: String {
        var lines = stages.map { stage in
            let name = stage.layer.map { "pretraining layer \($0) (\(stage.shape))" } ?? "\(stage.phase.rawValue) (\(stage.shape))"
            return "\(name): \(stage.epochs.counting("epoch")), \(seconds(stage.seconds)), "
                + "\(ReportText.decimal(stage.flops / 1e9, digits: 1)) GFLOP, "
                + "\(ReportText.decimal(stage.gflopsPerSecond, digits: 1)) GFLOP/s, final loss "
                + (stage.finalLoss.map { ReportText.decimal($0, digits: 4) } ?? "-")
        }
        lines.append("pretraining \(seconds(pretrainingSeconds)) at \(ReportText.decimal(pretrainingGFLOPS, digits: 1))"
                     + " GFLOP/s; fine-tuning \(seconds(fineTuningSeconds)) at "
                     + "\(ReportText.decimal(fineTuningGFLOPS, digits: 1)) GFLOP/s (best epoch \(fineTuningBestEpoch)"
                     + (fineTuningStoppedEarly ? ", stopped early" : "") + ")"
                     + (hashFineTuningSeconds > 0
                        ? "; hash fine-tuning \(seconds(hashFineTuningSeconds)) at "
                            + "\(ReportText.decimal(hashFineTuningGFLOPS, digits: 1)) GFLOP/s" : ""))
        if let neighbourGraphSeconds {
            lines.append("nearest-neighbour graph for the fine-tuning targets: \(seconds(neighbourGraphSeconds))")
        }
        if let spectralBitsSeconds {
            lines.append("spectral bits of the neighbour graph for the hash units: \(seconds(spectralBitsSeconds))")
        }
        lines.append("reference product \(ReportText.decimal(referenceProductGFLOPS, digits: 1)) GFLOP/s on"
                     + " \(threads) threads; \(trainingDocuments) documents (\(skippedEmptyDocuments) empty skipped);"
                     + " total \(seconds(totalSeconds))")
        return lines.joined(separator: "\n")
    }

    private func total(_ field: KeyPath<Stage, Double>, of phase: TrainingPhase) -> Double {
        stages.filter { $0.phase == phase }.reduce(0) { $0 + $1[keyPath: field] }
    }

    private func seconds(_ value: Double) -> String { ReportText.decimal(value, digits: 1) + " s" }
}

/// Fixed-point and clock formatting for progress lines and reports (no locale, no Foundation formatters).
enum ReportText {
    /// `value` rounded to `digits` decimals, e.g. `decimal(3.14159, digits: 2) == "3.14"`.
    static func decimal(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return "\(value)" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let whole = Int(scaled / scale)
        let sign = value < 0 && scaled > 0 ? "-" : ""
        guard digits > 0 else { return "\(sign)\(whole)" }
        let fraction = String(Int(scaled - Double(whole) * scale))
        return "\(sign)\(whole)." + String(repeating: "0", count: max(0, digits - fraction.count)) + fraction
    }

    /// Seconds as minutes:seconds, e.g. `clock(75) == "1:15"`; "?" when unknown.
    static func clock(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "?" }
        let total = Int(seconds.rounded())
        let remainder = total % 60
        return "\(total / 60):\(remainder < 10 ? "0" : "")\(remainder)"
    }
}
