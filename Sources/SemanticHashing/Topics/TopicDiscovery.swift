extension TopicModel {
    /// Finds topics among documents from their codes.
    ///
    /// - Parameters:
    ///   - codes: the documents' real codes from the autoencoder, n × d.
    ///   - documents: the same n documents as bags of words over `vocabulary` (for the distinctive words).
    ///   - vocabulary: the model's vocabulary (V terms).
    ///   - labels: optional class labels per document (may be empty lists), for each topic's dominant labels
    ///     and the agreement scores.
    ///   - configuration: count, list lengths, restarts, seed (see `TopicConfiguration`).
    ///   - decoder: maps K × d codes to K × V word distributions (the autoencoder's decoder half); called
    ///     once, with the centroids.
    ///
    /// Steps: documents too short to place, or mostly non-words, are set apart (`UnassignedGroup`); k-means
    /// on the other codes (`TopicModel.cluster`, fixed or automatic count); topics renumbered by size; each
    /// topic named by its centroid's decoded distribution and by the words its documents contain far more
    /// often than the others (`DocumentLift`; readable words only, `TopicWord.isReadable`), and scored by the NPMI coherence of its top distinctive words over all
    /// documents; central documents by distance to the centroid; labels counted per topic; topics merged
    /// into a tree by Ward's criterion on their centroids. Cost is dominated by k-means,
    /// O(restarts · iterations · n · K · d) per count tried.
    public init(codes: Matrix, documents: [BagOfWords], vocabulary: Vocabulary, labels: [[String]]? = nil,
                configuration: TopicConfiguration = TopicConfiguration(),
                decoder: (Matrix) -> Matrix) throws(TopicError) {
        precondition(codes.rows == documents.count, "one code per document: \(codes.rows) codes, \(documents.count) documents")
        if let labels { precondition(labels.count == documents.count, "one label list per document") }
        let readable = TopicWord.readableTerms(of: vocabulary)
        let reasons = documents.map { UnassignedGroup.reason(for: $0, readable: readable, configuration: configuration) }
        let unassigned = UnassignedGroup(reasons: reasons, documents: documents, vocabulary: vocabulary,
                                         count: configuration.wordsPerTopic)
        let placed = reasons.indices.filter { reasons[$0] == nil }
        guard !placed.isEmpty else { throw documents.isEmpty ? .noDocuments : .nothingToPlace(documents.count) }
        let clustering = try Self.cluster(Self.rows(placed, of: codes), configuration: configuration)
        let (placedAssignments, centroids) = Self.orderedBySize(clustering.result)
        var assignments = [Int](repeating: UnassignedGroup.id, count: documents.count)
        for (row, document) in placed.enumerated() { assignments[document] = placedAssignments[row] }
        let k = centroids.rows
        let distances = Self.distances(codes, assignments: assignments, centroids: centroids)

        let decoded = decoder(centroids)
        precondition(decoded.rows == k && decoded.columns == vocabulary.count,
                     "the decoder must map \(k) codes to \(k) × \(vocabulary.count) word distributions")
        let distinctive = DocumentLift(documents: documents, assignments: assignments, clusterCount: k,
                                       vocabularySize: vocabulary.count)
        var members = [[Int]](repeating: [], count: k)
        for (document, topic) in assignments.enumerated() where topic >= 0 { members[topic].append(document) }

        let words = configuration.wordsPerTopic, coherenceWords = TopicConfiguration.coherenceWordCount
        let distinctiveRanking = (0..<k).map {
            Self.topWords(distinctive.scores(of: [$0]), count: max(words, coherenceWords), vocabulary: vocabulary,
                          readable: readable)
        }
        let coherence = TopicCoherence.npmi(of: distinctiveRanking.map { $0.prefix(coherenceWords).map(\.id) },
                                            documents: documents)
        self.topics = (0..<k).map { topic in
            let central = members[topic].sorted { (distances[$0], $0) < (distances[$1], $1) }
            return Topic(id: topic, size: members[topic].count, centroid: centroids.row(topic),
                         decoderWords: Self.topWords(decoded.row(topic), count: words, vocabulary: vocabulary, readable: readable).map(\.word),
                         distinctiveWords: distinctiveRanking[topic].prefix(words).map(\.word),
                         coherence: coherence[topic],
                         centralDocuments: Array(central.prefix(configuration.centralDocumentsPerTopic)),
                         dominantLabels: labels.map { Self.dominantLabels(of: members[topic], labels: $0,
                                                                          count: configuration.labelsPerTopic) } ?? [])
        }
        self.tree = TopicTree(centroids: centroids, sizes: members.map(\.count)) { topics in
            Self.topWords(distinctive.scores(of: topics), count: words, vocabulary: vocabulary, readable: readable).map(\.word)
        }
        self.configuration = configuration
        self.documentTopics = zip(assignments, distances).map { DocumentTopic(topic: $0, distance: $1) }
        self.unassigned = unassigned
        self.silhouette = clustering.silhouette
        self.countScores = clustering.scores
        self.inertia = clustering.result.inertia
        self.iterations = clustering.result.iterations
        self.labelAgreement = labels.flatMap { labels in
            LabelAgreement(topics: placed.map { assignments[$0] }, labels: placed.map { labels[$0] })
        }
        self.labelAgreementWithUnassigned = labels.flatMap { LabelAgreement(topics: assignments, labels: $0) }
    }

    /// Renumbers clusters by size, largest first; equal sizes keep the order of their first documents.
    private static func orderedBySize(_ result: KMeansResult) -> (assignments: [Int], centroids: Matrix) {
        let k = result.centroids.rows
        let sizes = result.clusterSizes
        var firstMember = [Int](repeating: Int.max, count: k)
        for (document, cluster) in result.assignments.enumerated().reversed() { firstMember[cluster] = document }
        let order = (0..<k).sorted { (-sizes[$0], firstMember[$0]) < (-sizes[$1], firstMember[$1]) }
        var newID = [Int](repeating: 0, count: k)
        for (position, cluster) in order.enumerated() { newID[cluster] = position }
        var centroids = Matrix(rows: k, columns: result.centroids.columns)
        for (position, cluster) in order.enumerated() {
            for c in 0..<centroids.columns { centroids[position, c] = result.centroids[cluster, c] }
        }
        return (result.assignments.map { newID[$0] }, centroids)
    }

    /// Each code's Euclidean distance to its centroid, from the differences (not the BLAS expansion, which
    /// loses digits for codes far from the origin); 0 for an unassigned document.
    static func distances(_ codes: Matrix, assignments: [Int], centroids: Matrix) -> [Float] {
        let d = codes.columns
        return assignments.enumerated().map { document, topic in
            guard topic >= 0 else { return 0 }
            var sum: Float = 0
            for c in 0..<d {
                let difference = codes[document, c] - centroids[topic, c]
                sum += difference * difference
            }
            return sum.squareRoot()
        }
    }

    /// A ranked word: its term id and how it is shown.
    struct RankedWord {
        let id: Int32
        let word: TopicWord
    }

    /// The `count` readable terms (`readable`, by term id: `TopicWord.readableTerms(of:)`; all of the
    /// vocabulary's when nil) of highest positive weight in `weights` (one per term; ties: lower term id
    /// first).
    static func topWords(_ weights: [Float], count: Int, vocabulary: Vocabulary, readable: [Bool]? = nil) -> [RankedWord] {
        let words = vocabulary.words
        let readable = readable ?? TopicWord.readableTerms(of: vocabulary)
        let ranked = (0..<weights.count)
            .filter { weights[$0] > 0 && readable[$0] }
            .sorted { (-weights[$0], $0) < (-weights[$1], $1) }
        return ranked.prefix(count).map {
            RankedWord(id: Int32($0), word: TopicWord(term: vocabulary.terms[$0], word: words[$0], weight: weights[$0]))
        }
    }

    /// The given rows of `codes`, in order, as a new matrix.
    static func rows(_ indices: [Int], of codes: Matrix) -> Matrix {
        let d = codes.columns
        var values = [Float]()
        values.reserveCapacity(indices.count * d)
        for i in indices { values.append(contentsOf: codes.values[(i * d)..<((i + 1) * d)]) }
        return Matrix(rows: indices.count, columns: d, values: values)
    }

    /// The most frequent labels among `members`, with their shares of the labelled members.
    private static func dominantLabels(of members: [Int], labels: [[String]], count: Int) -> [LabelShare] {
        var counts: [String: Int] = [:]
        var labelled = 0
        for document in members where !labels[document].isEmpty {
            labelled += 1
            for label in Set(labels[document]) { counts[label, default: 0] += 1 }
        }
        return counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
            .prefix(count)
            .map { LabelShare(label: $0.key, count: $0.value, share: Double($0.value) / Double(labelled)) }
    }
}
