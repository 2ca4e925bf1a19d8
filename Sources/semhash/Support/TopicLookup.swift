import SemanticHashing

/// Each document's topic, for showing beside search hits.
enum TopicLookup {
    static func byDocument(in store: IndexStore) throws -> [Int64: Int] {
        Dictionary(uniqueKeysWithValues: try store.loadTopicAssignments().map { ($0.documentID, $0.topicID) })
    }
}
