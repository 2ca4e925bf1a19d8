/// The checkpoint of an interrupted training, kept in the `checkpoints` table under the name "training"
/// until the model it leads to is saved.
extension IndexStore {
    private static let trainingCheckpointName = "training"

    /// Stores `checkpoint`, replacing the previous one, in its own transaction unless called inside `write`.
    public func saveTrainingCheckpoint(_ checkpoint: TrainingCheckpoint) throws(IndexError) {
        try saveCheckpoint(checkpoint.serialized(), name: Self.trainingCheckpointName)
    }

    /// The saved checkpoint, or nil when no training was interrupted. Throws `TrainingError.unreadableCheckpoint`
    /// when its bytes are damaged.
    public func loadTrainingCheckpoint() throws -> TrainingCheckpoint? {
        try loadCheckpoint(name: Self.trainingCheckpointName).map { try TrainingCheckpoint(serialized: $0) }
    }

    /// Whether a training checkpoint is saved (without reading it).
    public func hasTrainingCheckpoint() throws(IndexError) -> Bool {
        try checkpointNames().contains(Self.trainingCheckpointName)
    }

    /// Drops the checkpoint; call in the transaction that saves the finished model.
    public func deleteTrainingCheckpoint() throws(IndexError) {
        try deleteCheckpoint(name: Self.trainingCheckpointName)
    }
}
