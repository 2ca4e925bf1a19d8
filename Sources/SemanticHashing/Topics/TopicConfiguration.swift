/// The settings of topic discovery (`TopicModel.init(codes:documents:vocabulary:labels:decoder:configuration:)`).
public struct TopicConfiguration: Sendable, Equatable, Codable {
    /// How many topics: `.fixed(20)` by default; `.automatic(5...40)` for `--count auto`.
    public var count: TopicCount
    /// Words listed per topic, for both the decoder's view and the distinctive words. Default 10.
    public var wordsPerTopic: Int
    /// k-means restarts (each from new k-means++ seeds) per clustering. Default 10.
    public var restarts: Int
    /// The seed of every random choice (k-means++ seeds, the silhouette sample). Default 1.
    public var seed: UInt64
    /// The cap on Lloyd passes per restart. Default 300.
    public var maximumIterations: Int
    /// The documents nearest each centroid listed per topic. Default 5.
    public var centralDocumentsPerTopic: Int
    /// The most frequent labels listed per topic when labels are given. Default 3.
    public var labelsPerTopic: Int
    /// The largest number of documents the mean silhouette is computed on (a seeded uniform sample; the
    /// silhouette costs O(sample² · d)). Default 2,000.
    public var silhouetteSampleSize: Int
    /// With an automatic count and more documents than this, the counts are compared on k-means of a seeded
    /// uniform sample of this many codes, and only the chosen count is fitted to all of them (a full
    /// k-means per candidate would cost minutes at a million documents). Default 20,000, which covers
    /// 20 Newsgroups and Reuters-21578 whole.
    public var countSearchSampleSize: Int
    /// Documents with fewer in-vocabulary tokens than this are not placed in a topic but in the unassigned
    /// group (`UnassignedGroup`): a sentence or two says too little to place. Default 5, which on the
    /// stripped 20 Newsgroups training set sets apart the 7.6% shortest documents (357 of them have no
    /// vocabulary word at all).
    public var minimumDocumentWords: Int
    /// Documents in which more than this share of the in-vocabulary tokens are not readable words
    /// (`TopicWord.isReadable`: single letters, symbols, letter-digit mixes) go to the unassigned group too:
    /// encoded binaries and keys, ASCII art; also a few posts made mostly of formulas ("x1, y1, z1"), 30 of the
    /// 11,314 20 Newsgroups training documents in all. Default 0.5.
    public var maximumNonWordShare: Double

    /// The number of top words each topic's NPMI coherence is measured on (the convention of topic-model
    /// evaluation, and of the reference figures): 10.
    public static let coherenceWordCount = 10

    public init(count: TopicCount = .fixed(20), wordsPerTopic: Int = 10, restarts: Int = 10, seed: UInt64 = 1,
                maximumIterations: Int = 300, centralDocumentsPerTopic: Int = 5, labelsPerTopic: Int = 3,
                silhouetteSampleSize: Int = 2000, countSearchSampleSize: Int = 20_000,
                minimumDocumentWords: Int = 5, maximumNonWordShare: Double = 0.5) {
        precondition(wordsPerTopic >= 0 && centralDocumentsPerTopic >= 0 && labelsPerTopic >= 0,
                     "list lengths must be non-negative")
        precondition(restarts >= 1 && maximumIterations >= 1 && silhouetteSampleSize >= 2 && countSearchSampleSize >= 3,
                     "restarts, iterations and samples must be positive")
        self.count = count
        self.wordsPerTopic = wordsPerTopic
        self.restarts = restarts
        self.seed = seed
        self.maximumIterations = maximumIterations
        self.centralDocumentsPerTopic = centralDocumentsPerTopic
        self.labelsPerTopic = labelsPerTopic
        self.silhouetteSampleSize = silhouetteSampleSize
        self.countSearchSampleSize = countSearchSampleSize
        precondition(minimumDocumentWords >= 0 && (0...1).contains(maximumNonWordShare),
                     "the unassigned rule needs a non-negative word count and a share in 0...1")
        self.minimumDocumentWords = minimumDocumentWords
        self.maximumNonWordShare = maximumNonWordShare
    }
}

/// Failures of topic discovery and of drawing the topic map.
public enum TopicError: Error, Equatable, CustomStringConvertible {
    /// The index holds no documents to cluster.
    case noDocuments
    /// Every document is too short, or mostly non-words, to place in a topic.
    case nothingToPlace(Int)
    /// More topics were asked for than there are documents to hold them.
    case tooFewDocuments(documents: Int, topics: Int)
    /// A topic count that cannot be used (a fixed count below 1, an automatic range starting below 2).
    case invalidCount(TopicCount)
    /// The map could not be written.
    case cannotWriteMap(path: String, reason: String)
    /// A map is drawn in two dimensions, from codes of at least two.
    case codesTooNarrow(dimensions: Int)
    /// A numerical routine failed.
    case math(MathError)

    public var description: String {
        switch self {
        case .noDocuments:
            return "there are no documents to find topics in"
        case let .nothingToPlace(documents):
            return "none of the \(documents.counting("document")) has enough vocabulary words to place in a topic"
        case let .tooFewDocuments(documents, topics):
            return "cannot find \(topics.counting("topic")) in \(documents.counting("document"))"
        case let .invalidCount(count):
            return "invalid topic count \(count): use a number of at least 1, auto, or a range such as 5...40 starting at 2 or more"
        case let .cannotWriteMap(path, reason):
            return "cannot write the topic map to \(path): \(reason)"
        case let .codesTooNarrow(dimensions):
            return "a topic map needs codes of at least 2 dimensions; this index's codes have \(dimensions)"
        case let .math(error):
            return "topic map projection failed: \(error)"
        }
    }
}
