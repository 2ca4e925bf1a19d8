extension IndexStore {
    /// Replaces all topics and topic assignments. Every assignment must name one of `topics` and a stored
    /// document.
    public func saveTopics(_ topics: [StoredTopic], assignments: [TopicAssignment]) throws(IndexError) {
        try writeIndex { () throws(IndexError) in
            try connection.execute("DELETE FROM document_topics; DELETE FROM topics")
            try connection.withStatement(
                "INSERT INTO topics(id, size, decoder_words, distinctive_words, centroid) VALUES (?, ?, ?, ?, ?)"
            ) { statement throws(IndexError) in
                for topic in topics {
                    try statement.bind(topic.id, at: 1)
                    try statement.bind(topic.size, at: 2)
                    try statement.bind(JSONStringArray.encode(topic.decoderWords), at: 3)
                    try statement.bind(JSONStringArray.encode(topic.distinctiveWords), at: 4)
                    try statement.bind(blob: LittleEndianBlob.bytes(of: topic.centroid), at: 5)
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
