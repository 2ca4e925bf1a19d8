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
            ($0.documentID, DocumentTopic(topic: $0.topicID, distance: $0.distance))
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
        let words = { (terms: [String]) in
            terms.map { term in TopicWord(term: term, word: vocabulary.id(of: term).map { vocabulary.words[Int($0)] }, weight: 0) }
        }
        let topics = stored.map {
            Topic(id: $0.id, size: $0.size, centroid: $0.centroid, decoderWords: words($0.decoderWords),
                  distinctiveWords: words($0.distinctiveWords), centralDocuments: [], dominantLabels: [])
        }
        let documentTopics = rows.map { topicOfDocument[codes.ids[$0]]! }
        let unassigned = UnassignedGroup(documents: documentTopics.indices.filter { documentTopics[$0].topic == UnassignedGroup.id },
                                         tooFewWords: 0, mostlyNonWords: 0, commonWords: [])
        let centroids = Matrix(rows: topics.count, columns: columns, values: topics.flatMap(\.centroid))
        let model = TopicModel(configuration: TopicConfiguration(), topics: topics, documentTopics: documentTopics,
                               unassigned: unassigned,
                               tree: TopicTree(centroids: centroids, sizes: topics.map(\.size), words: { _ in [] }),
                               silhouette: 0, countScores: [], inertia: 0, iterations: 0, labelAgreement: nil,
                               labelAgreementWithUnassigned: nil)
        return try TopicMap(codes: Matrix(rows: rows.count, columns: columns, values: values), model: model,
                            layout: layout).svg()
    }
}
