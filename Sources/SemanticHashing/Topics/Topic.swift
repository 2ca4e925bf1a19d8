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
    /// The member documents' distinctive words by class-based TF-IDF (`ClassTFIDF`), with their weights,
    /// highest first; only words that occur in the topic.
    public let distinctiveWords: [TopicWord]
    /// Indices (into the input documents) of the documents nearest the centroid, nearest first.
    public let centralDocuments: [Int]
    /// The most frequent labels among the topic's labelled documents, most frequent first; empty when no
    /// labels were given.
    public let dominantLabels: [LabelShare]

    public init(id: Int, size: Int, centroid: [Float], decoderWords: [TopicWord], distinctiveWords: [TopicWord],
                centralDocuments: [Int], dominantLabels: [LabelShare]) {
        self.id = id
        self.size = size
        self.centroid = centroid
        self.decoderWords = decoderWords
        self.distinctiveWords = distinctiveWords
        self.centralDocuments = centralDocuments
        self.dominantLabels = dominantLabels
    }
}

/// A document's topic and its Euclidean distance (in code units) to the topic's centroid.
public struct DocumentTopic: Sendable, Equatable, Codable {
    public let topic: Int
    public let distance: Float

    public init(topic: Int, distance: Float) {
        self.topic = topic
        self.distance = distance
    }
}

/// A vocabulary term with the weight that ranked it (a probability or a c-TF-IDF weight).
public struct TopicWord: Sendable, Equatable, Codable {
    public let term: String
    public let weight: Float

    public init(term: String, weight: Float) {
        self.term = term
        self.weight = weight
    }
}

/// Which of a topic's two word lists names it where space allows only a few words (the map's labels).
public enum TopicNaming: String, Sendable, Equatable, Codable, CaseIterable {
    /// The most probable words of the decoder's distribution at the centroid (`Topic.decoderWords`).
    case decoder
    /// The c-TF-IDF words of the topic's documents (`Topic.distinctiveWords`).
    case distinctive

    /// The first `count` words of `topic` in this naming.
    public func words(of topic: Topic, count: Int) -> [String] {
        let words = self == .decoder ? topic.decoderWords : topic.distinctiveWords
        return words.prefix(count).map(\.term)
    }
}
