import SemanticHashing

/// The topic map of the topics stored in an index (what `semhash topics --plot` draws right after
/// clustering), drawn from the stored topics, their assignments and the codes being served.
enum StoredTopicMap {
    /// The SVG document; documents without a topic (added since the clustering) are left out, the unassigned
    /// group is drawn as `topics` draws it. Throws `APIError` 404 when the index has no topics, or codes of one
    /// dimension (no map).
    static func svg(store: IndexStore, codes: DocumentCodes, vocabulary: Vocabulary,
                    layout: TopicMapLayout) throws -> String {
        let stored = try store.loadTopics().filter(\.isPlaced)
        let topicOfDocument = Dictionary(uniqueKeysWithValues: try store.loadTopicAssignments().map {
            ($0.documentID, $0.topicID)
        })
        let rows = codes.ids.indices.filter { topicOfDocument[codes.ids[$0]] != nil }
        guard !stored.isEmpty, !rows.isEmpty else {
            throw APIError(.notFound, "the index has no topics yet (semhash topics finds them)")
        }
        let columns = codes.realCodes.columns
        guard columns >= 2 else { throw APIError(.notFound, "\(TopicError.codesTooNarrow(dimensions: columns))") }
        var values: [Float] = []
        values.reserveCapacity(rows.count * columns)
        for row in rows { values += codes.realCodes.values[(row * columns)..<((row + 1) * columns)] }
        let topics = stored.map { topic in
            TopicMap.DrawnTopic(id: topic.id, size: topic.size, centroid: topic.centroid,
                                words: topic.distinctiveWords.map(vocabulary.word(for:)))
        }
        return try TopicMap(codes: Matrix(rows: rows.count, columns: columns, values: values), topics: topics,
                            topicOfEachCode: rows.map { topicOfDocument[codes.ids[$0]]! }, layout: layout).svg()
    }
}
