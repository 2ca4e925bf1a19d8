/// Why training could not produce a model. Training never returns a degraded model silently.
public enum TrainingError: Error, Equatable, CustomStringConvertible {
    /// A knob of `ModelConfiguration` is out of range.
    case invalidConfiguration(String)
    /// No document has a word in the vocabulary.
    case noTrainingDocuments
    /// A bag refers to a term outside the vocabulary (the bags and the vocabulary size do not belong together).
    case termOutOfRange(document: Int, termID: Int32, vocabularySize: Int)
    /// A weight or the loss became NaN or infinite. `layer` is 1-based for pretraining, nil for fine-tuning.
    case diverged(phase: TrainingPhase, layer: Int?, epoch: Int, advice: String)
    /// The checkpoint to resume from does not belong to these documents.
    case checkpoint(CheckpointError)
    /// Training stopped on request (Ctrl-C) after saving a checkpoint at `position`.
    case interrupted(position: String)

    public var description: String {
        switch self {
        case let .invalidConfiguration(reason):
            return "invalid model configuration: \(reason)"
        case .noTrainingDocuments:
            return "no training document contains a vocabulary word; check the corpus and the vocabulary"
        case let .termOutOfRange(document, termID, vocabularySize):
            return "document \(document) has term id \(termID) outside the vocabulary of \(vocabularySize) words;"
                + " build the bags with the same vocabulary as the model"
        case let .checkpoint(error):
            return error.description
        case let .interrupted(position):
            return "training interrupted at \(position); its checkpoint is saved in the index: run the same command"
                + " with --resume to continue"
        case let .diverged(phase, layer, epoch, advice):
            let place = layer.map { "layer \($0), " } ?? ""
            return "training diverged during \(phase.rawValue) (\(place)epoch \(epoch)): weights or loss became"
                + " NaN or infinite; \(advice)"
        }
    }
}
