/// The two stages of training: greedy RBM pretraining, then back-propagation fine-tuning.
public enum TrainingPhase: String, Codable, Sendable {
    case pretraining
    case fineTuning = "fine-tuning"
}
