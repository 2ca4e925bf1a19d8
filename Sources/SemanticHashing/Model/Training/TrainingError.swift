/// Why training could not produce a model. Training never returns a degraded model silently.
public enum TrainingError: Error, Equatable, CustomStringConvertible {
    /// A knob of `ModelConfiguration` is out of range.
    case invalidConfiguration(String)
    /// No document has a word in the vocabulary.
    case noTrainingDocuments
    /// A bag refers to a term outside the vocabulary (the bags and the vocabulary size do not belong together);
    /// `document` counts the training documents from 0, the message from 1.
    case termOutOfRange(document: Int, termID: Int32, vocabularySize: Int)
    /// A weight or the loss became NaN or infinite. `layer` is 1-based for pretraining, nil for fine-tuning;
    /// `learningRate` names the learning rate in force and its value ("fineTuning.learningRate is 0.003");
    /// `afterPretraining` is true when fine-tuning started from pretrained RBMs, whose own rates may be to blame.
    case diverged(phase: TrainingPhase, layer: Int?, epoch: Int, learningRate: String, afterPretraining: Bool)
    /// The saved checkpoint's bytes are not a checkpoint, or one in a format this build does not read.
    case unreadableCheckpoint(String)
    /// The checkpoint to resume from was saved for other documents (or another vocabulary).
    case checkpointOfOtherDocuments(savedDocuments: Int, currentDocuments: Int)
    /// A LAPACK routine failed while finding the spectral teacher's bits.
    case decompositionFailed(MathError)
    /// Training stopped on request (Ctrl-C) after saving a checkpoint at `position`.
    case interrupted(position: String)

    public var description: String {
        switch self {
        case let .invalidConfiguration(reason):
            return "invalid model configuration: \(reason)"
        case .noTrainingDocuments:
            return "no training document contains a vocabulary word"
        case let .termOutOfRange(document, termID, vocabularySize):
            return "training document \(document + 1) has term id \(termID), outside the vocabulary of \(vocabularySize) words"
        case let .unreadableCheckpoint(reason):
            return "the training checkpoint cannot be read (\(reason))"
        case let .checkpointOfOtherDocuments(saved, current):
            return "the training checkpoint was saved for other documents (\(saved) training documents then, "
                + "\(current) now, or the same number with other words)"
        case let .decompositionFailed(error):
            return "the spectral bits of the neighbour graph could not be found: \(error)"
        case let .interrupted(position):
            return "training interrupted at \(position); its checkpoint is saved in the index"
        case let .diverged(phase, layer, epoch, learningRate, afterPretraining):
            let place = layer.map { "layer \($0), " } ?? ""
            return "training diverged during \(phase.rawValue) (\(place)epoch \(epoch)): weights or loss became"
                + " NaN or infinite (\(learningRate)\(afterPretraining ? ", after RBM pretraining" : ""))"
        }
    }
}
