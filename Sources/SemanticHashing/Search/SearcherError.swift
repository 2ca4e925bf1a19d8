/// Why an index cannot answer questions or be clustered.
public enum SearcherError: Error, CustomStringConvertible {
    case noModel(path: String)

    public var description: String {
        switch self {
        case let .noModel(path):
            return "\(path) has no trained model yet: run `semhash train --index \(path)`"
                + " (or `semhash index <corpus> --index \(path)` while it holds no documents)"
        }
    }
}
