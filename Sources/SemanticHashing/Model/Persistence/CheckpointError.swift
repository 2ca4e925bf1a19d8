/// Why a saved training checkpoint cannot be resumed.
public enum CheckpointError: Error, Equatable, CustomStringConvertible {
    /// The bytes are not a checkpoint, or one in a format this build does not read.
    case unreadable(String)
    /// The documents (or the vocabulary) changed since the checkpoint was saved.
    case documentsChanged(savedDocuments: Int, currentDocuments: Int)

    public var description: String {
        switch self {
        case let .unreadable(reason):
            return "the training checkpoint cannot be read (\(reason)); train again without --resume"
        case let .documentsChanged(saved, current):
            return "the training checkpoint was saved for other documents (\(saved) training documents then, "
                + "\(current) now, or the same number with other words); train again without --resume"
        }
    }
}
