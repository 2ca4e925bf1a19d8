extension IndexStore {
    /// Replaces all topics and topic assignments. Every assignment must name one of `topics` and a stored
    /// document.
    public func saveTopics(_ topics: [StoredTopic], assignments: [TopicAssignment]) throws(IndexError) {
        try writeIndex { () throws(IndexError) in
            try connection.execute("DELETE FROM document_topics; DELETE FROM topics")
            try insertTopics(topics.map { topic in
                StoredTopicRow(id: topic.id, size: topic.size,
                               decoderWordsJSON: JSONStringArray.encode(topic.decoderWords),
                               distinctiveWordsJSON: JSONStringArray.encode(topic.distinctiveWords),
                               centroid: LittleEndianBlob.bytes(of: topic.centroid))
            }, assignments: assignments)
        }
    }

    /// Inserts topic rows and assignments (inside the caller's write transaction).
    func insertTopics(_ topics: [StoredTopicRow], assignments: [TopicAssignment]) throws(IndexError) {
        try connection.withStatement(
            "INSERT INTO topics(id, size, decoder_words, distinctive_words, centroid) VALUES (?, ?, ?, ?, ?)"
        ) { statement throws(IndexError) in
            for topic in topics {
                try statement.bind(topic.id, at: 1)
                try statement.bind(topic.size, at: 2)
                try statement.bind(topic.decoderWordsJSON, at: 3)
                try statement.bind(topic.distinctiveWordsJSON, at: 4)
                try statement.bind(blob: topic.centroid, at: 5)
                try statement.run()
                statement.reset()
            }
        }
        try connection.withStatement(
            "INSERT INTO document_topics(document_id, topic_id, distance) VALUES (?, ?, ?)"
        ) { statement throws(IndexError) in
            for assignment in assignments {
                try statement.bind(assignment.documentID, at: 1)
                try statement.bind(assignment.topicID, at: 2)
                try statement.bind(Double(assignment.distance), at: 3)
                try statement.run()
                statement.reset()
            }
        }
    }

    /// The stored topics in increasing id.
    public func loadTopics() throws(IndexError) -> [StoredTopic] {
        try connection.withStatement(
            "SELECT id, size, decoder_words, distinctive_words, centroid FROM topics ORDER BY id"
        ) { statement throws(IndexError) in
            var topics: [StoredTopic] = []
            while try statement.step() {
                let id = statement.int(at: 0)
                guard let decoderWords = JSONStringArray.decode(statement.text(at: 2)),
                      let distinctiveWords = JSONStringArray.decode(statement.text(at: 3)),
                      let centroid = statement.withBlob(at: 4, { LittleEndianBlob.floats(from: $0) })
                else { throw .corrupt(path, "topic \(id) does not decode") }
                topics.append(StoredTopic(id: id, size: statement.int(at: 1), decoderWords: decoderWords,
                                          distinctiveWords: distinctiveWords, centroid: centroid))
            }
            return topics
        }
    }

    /// Every document's topic, in increasing document id.
    public func loadTopicAssignments() throws(IndexError) -> [TopicAssignment] {
        try connection.withStatement(
            "SELECT document_id, topic_id, distance FROM document_topics ORDER BY document_id"
        ) { statement throws(IndexError) in
            var assignments: [TopicAssignment] = []
            while try statement.step() {
                assignments.append(TopicAssignment(documentID: statement.int64(at: 0), topicID: statement.int(at: 1),
                                                   distance: Float(statement.double(at: 2))))
            }
            return assignments
        }
    }

    /// The topic of each of `documentIDs` that has one (for showing beside search hits without reading every
    /// assignment of the index).
    public func topicIDs(of documentIDs: [Int64]) throws(IndexError) -> [Int64: Int] {
        try connection.withStatement("SELECT topic_id FROM document_topics WHERE document_id = ?") {
            statement throws(IndexError) -> [Int64: Int] in
            var topics: [Int64: Int] = [:]
            for id in documentIDs {
                try statement.bind(id, at: 1)
                if try statement.step() { topics[id] = statement.int(at: 0) }
                statement.reset()
            }
            return topics
        }
    }
}

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

    /// Whether this is one of the clustering's topics rather than the unassigned group.
    public var isPlaced: Bool { id != UnassignedGroup.id }

    public init(id: Int, size: Int, decoderWords: [String], distinctiveWords: [String], centroid: [Float]) {
        self.id = id
        self.size = size
        self.decoderWords = decoderWords
        self.distinctiveWords = distinctiveWords
        self.centroid = centroid
    }
}

/// The topic a document belongs to.
public struct TopicAssignment: Sendable, Equatable {
    /// The internal document id.
    public var documentID: Int64
    /// `StoredTopic.id`.
    public var topicID: Int
    /// The Euclidean distance from the document's code to the topic centroid.
    public var distance: Float

    public init(documentID: Int64, topicID: Int, distance: Float) {
        self.documentID = documentID
        self.topicID = topicID
        self.distance = distance
    }
}
