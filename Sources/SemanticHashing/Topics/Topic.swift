/// One topic: a k-means cluster of document codes, named two ways.
public struct Topic: Sendable, Equatable, Codable {
    /// 0-based; topics are numbered by size, largest first (ties: the one whose first document comes first).
    public let id: Int
    /// The number of documents in the topic.
    public let size: Int
    /// The cluster centre in code space (length d).
    public let centroid: [Float]
    /// The decoder's view: the most probable words of the word distribution the model's decoder produces
    /// from the centroid, with those probabilities, most probable first.
    public let decoderWords: [TopicWord]
    /// The member documents' distinctive words (`DocumentLift`: contained by many of them and few other
    /// documents), with their scores, highest first; only words that occur in the topic. Both lists hold readable words only
    /// (`TopicWord.isReadable`).
    public let distinctiveWords: [TopicWord]
    /// The NPMI coherence (`TopicCoherence`) of the first `TopicConfiguration.coherenceWordCount`
    /// distinctive words over all the documents.
    public let coherence: Double
    /// Indices (into the input documents) of the documents nearest the centroid, nearest first.
    public let centralDocuments: [Int]
    /// The most frequent labels among the topic's labelled documents, most frequent first; empty when no
    /// labels were given.
    public let dominantLabels: [LabelShare]

    public init(id: Int, size: Int, centroid: [Float], decoderWords: [TopicWord], distinctiveWords: [TopicWord],
                coherence: Double = 0, centralDocuments: [Int], dominantLabels: [LabelShare]) {
        self.id = id
        self.size = size
        self.centroid = centroid
        self.decoderWords = decoderWords
        self.distinctiveWords = distinctiveWords
        self.coherence = coherence
        self.centralDocuments = centralDocuments
        self.dominantLabels = dominantLabels
    }
}
