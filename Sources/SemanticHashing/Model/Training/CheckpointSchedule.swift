/// When a training saves checkpoints, and where they go.
///
/// After an epoch, the trainer hands a `TrainingCheckpoint` to `save` if `interval` seconds have passed
/// since the last one (0: after every epoch), or if `stopRequested` returns true, in which case training
/// then stops with `TrainingError.interrupted`. `save` owns its failures: a checkpoint that cannot be
/// written must not stop the training it protects.
public struct CheckpointSchedule {
    public var interval: Double
    public var save: (TrainingCheckpoint) -> Void
    /// Asked after every epoch: whether to save now and stop (for Ctrl-C).
    public var stopRequested: () -> Bool

    public init(interval: Double, save: @escaping (TrainingCheckpoint) -> Void,
                stopRequested: @escaping () -> Bool = { false }) {
        precondition(interval >= 0, "a checkpoint interval cannot be negative")
        self.interval = interval
        self.save = save
        self.stopRequested = stopRequested
    }
}
