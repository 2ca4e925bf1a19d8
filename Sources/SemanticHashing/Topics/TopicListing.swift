/// One stored topic with its documents nearest the centre: what `semhash topics show --json` prints and what
/// the server's `/api/topics/{id}` returns (and, with a few documents each, `/api/topics`).
public struct TopicListing: Encodable, Sendable {
    public struct Member: Encodable, Sendable {
        /// The document's external id.
        public var id: String
        public var title: String
        public var labels: [String]
        /// Euclidean distance of the document's code to the topic's centroid.
        public var distance: Float
    }

    /// A topic word: its term (stemmed, as the vocabulary keys it) and the word a person reads.
    public struct Word: Encodable, Sendable, Equatable {
        public var term: String
        public var word: String
    }

    /// The topic's id; `UnassignedGroup.id` for the unassigned group.
    public var id: Int
    /// The documents the topic holds now: those removed, or replaced by other words, since the clustering
    /// have left it.
    public var size: Int
    public var decoderWords: [Word]
    public var distinctiveWords: [Word]
    public var documents: [Member]

    enum CodingKeys: String, CodingKey {
        case id, size, decoderWords = "decoder_words", distinctiveWords = "distinctive_words", documents
    }

    public init(id: Int, size: Int, decoderWords: [Word], distinctiveWords: [Word], documents: [Member]) {
        self.id = id
        self.size = size
        self.decoderWords = decoderWords
        self.distinctiveWords = distinctiveWords
        self.documents = documents
    }

    /// How many of a topic's documents a listing of one topic holds unless asked for another number
    /// (`topics show`, `/api/topics/{id}`).
    public static let standardDocumentCount = 20
    /// How many documents each topic of a listing of every topic holds unless asked for another number
    /// (`/api/topics`).
    public static let standardDocumentCountPerTopic = 5

    /// The stored topic `id` of `store` with its `limit` documents nearest the centre (ties by internal id),
    /// read from one snapshot; nil when the index has no such topic.
    public init?(topic id: Int, limit: Int, store: IndexStore) throws {
        guard let listing = try Self.all(limit: limit, store: store, only: id).first else { return nil }
        self = listing
    }

    /// Every stored topic in increasing id, each with its `limit` documents nearest the centre, from one snapshot.
    public static func all(limit: Int, store: IndexStore) throws -> [TopicListing] {
        try all(limit: limit, store: store, only: nil)
    }

    private static func all(limit: Int, store: IndexStore, only: Int?) throws -> [TopicListing] {
        try store.read {
            let topics = try store.loadTopics().filter { only == nil || $0.id == only }
            guard !topics.isEmpty else { return [] }
            let members = Dictionary(grouping: try store.loadTopicAssignments(), by: \.topicID)
            let vocabulary = try store.loadVocabulary()
            let words = { (terms: [String]) in
                terms.map { term in Word(term: term, word: vocabulary?.word(for: term) ?? term) }
            }
            return try topics.map { topic in
                let nearest = (members[topic.id] ?? [])
                    .sorted { $0.distance != $1.distance ? $0.distance < $1.distance : $0.documentID < $1.documentID }
                    .prefix(limit)
                let documents = try store.documents(ids: nearest.map(\.documentID))
                return TopicListing(id: topic.id, size: members[topic.id]?.count ?? 0, decoderWords: words(topic.decoderWords),
                                    distinctiveWords: words(topic.distinctiveWords),
                                    documents: zip(documents, nearest).map {
                                        Member(id: $0.externalID, title: $0.title, labels: $0.labels, distance: $1.distance)
                                    })
            }
        }
    }
}
