/// Failures of topic discovery and of drawing the topic map.
public enum TopicError: Error, Equatable, CustomStringConvertible {
    /// The index holds no documents to cluster.
    case noDocuments
    /// More topics were asked for than there are documents to hold them.
    case tooFewDocuments(documents: Int, topics: Int)
    /// A topic count that cannot be used (a fixed count below 1, an automatic range starting below 2).
    case invalidCount(TopicCount)
    /// The map could not be written.
    case cannotWriteMap(path: String, reason: String)
    /// A numerical routine failed.
    case math(MathError)

    public var description: String {
        switch self {
        case .noDocuments:
            return "there are no documents to find topics in"
        case let .tooFewDocuments(documents, topics):
            return "cannot find \(topics) topics in \(documents) documents"
        case let .invalidCount(count):
            return "invalid topic count \(count): use a number of at least 1, auto, or a range such as 5...40 starting at 2 or more"
        case let .cannotWriteMap(path, reason):
            return "cannot write the topic map to \(path): \(reason)"
        case let .math(error):
            return "topic map projection failed: \(error)"
        }
    }
}
