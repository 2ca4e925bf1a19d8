/// One topic: a cluster of document codes, described by words.
public struct StoredTopic: Sendable, Equatable {
    /// The topic number (0-based in the order the clustering produced them).
    public var id: Int
    /// The number of documents assigned to the topic.
    public var size: Int
    /// The words the model's decoder produces most strongly from the centroid.
    public var decoderWords: [String]
    /// The words most over-represented in the topic's documents compared with the whole corpus.
    public var distinctiveWords: [String]
    /// The centroid in code space (code dimension values).
    public var centroid: [Float]

    public init(id: Int, size: Int, decoderWords: [String], distinctiveWords: [String], centroid: [Float]) {
        self.id = id
        self.size = size
        self.decoderWords = decoderWords
        self.distinctiveWords = distinctiveWords
        self.centroid = centroid
    }
}
