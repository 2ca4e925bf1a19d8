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

/// A document's topic and its Euclidean distance (in code units) to the topic's centroid.
public struct DocumentTopic: Sendable, Equatable, Codable {
    public let topic: Int
    public let distance: Float

    public init(topic: Int, distance: Float) {
        self.topic = topic
        self.distance = distance
    }
}

/// A vocabulary term with the word a person reads for it and the weight that ranked it (a probability or a
/// distinctiveness score).
public struct TopicWord: Sendable, Equatable, Codable {
    /// The term the model reads ("imag").
    public let term: String
    /// Its most frequent surface form in the corpus ("images"; `Vocabulary.words`).
    public let word: String
    public let weight: Float

    public init(term: String, word: String? = nil, weight: Float) {
        self.term = term
        self.word = word ?? term
        self.weight = weight
    }

    /// `isReadable` of each term's word in `vocabulary`, by term id: computed once per vocabulary.
    public static func readableTerms(of vocabulary: Vocabulary) -> [Bool] {
        vocabulary.words.map(isReadable)
    }

    /// Whether `word` can name a topic: at least two letters, and nothing but letters (with combining marks)
    /// apart from an apostrophe, hyphen or period between two letters ("i'm", "e-mail", "u.s"). Drops the
    /// one-character and non-word terms that near-empty documents and encoded binaries bring ("m", "@",
    /// "3d", "a1"), whatever the vocabulary holds.
    public static func isReadable(_ word: String) -> Bool {
        let characters = Array(word)
        var letters = 0
        for (index, character) in characters.enumerated() {
            if character.isLetter {
                letters += 1
            } else if character.unicodeScalars.allSatisfy({ $0.properties.generalCategory == .nonspacingMark }) && index > 0 {
                continue
            } else if "'’-.".contains(character), index > 0, index < characters.count - 1,
                      characters[index - 1].isLetter, characters[index + 1].isLetter {
                continue
            } else {
                return false
            }
        }
        return letters >= 2
    }
}
