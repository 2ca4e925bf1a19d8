/// When a training saves checkpoints, and where they go.
///
/// After an epoch, the trainer hands a `TrainingCheckpoint` to `save` if `interval` seconds have passed
/// since the last one (0: after every epoch). `save` owns its failures: a checkpoint that cannot be
/// written must not stop the training it protects.
public struct CheckpointSchedule {
    public var interval: Double
    public var save: (TrainingCheckpoint) -> Void

    public init(interval: Double, save: @escaping (TrainingCheckpoint) -> Void) {
        precondition(interval >= 0, "a checkpoint interval cannot be negative")
        self.interval = interval
        self.save = save
    }
}
