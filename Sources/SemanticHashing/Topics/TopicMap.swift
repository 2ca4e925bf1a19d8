/// How a topic map places d-dimensional codes in two dimensions.
public enum TopicMapLayout: String, Sendable, Equatable, Codable, CaseIterable {
    /// t-SNE with Barnes–Hut (`NeighbourEmbedding`): documents near in code space stay near, so topics the
    /// codes keep apart show apart. The default.
    case tsne
    /// The first two principal components (`PrincipalComponents`): linear, keeps the largest variance, lets
    /// topics that differ along other directions overlap.
    case pca

    /// The layout maps use unless asked otherwise: `.tsne`.
    public static let standard = TopicMapLayout.tsne
}

/// A 2-D picture of the topics: one dot per document coloured by topic (the unassigned group in grey),
/// each topic labelled with its words at its documents' centre, and each topic's share of the documents
/// (see `svg()` and `writeSVG(to:)`).
///
/// At most `maximumDots` documents are placed and drawn, chosen evenly through the input order (document
/// ⌊i · n / maximumDots⌋ for i = 0, 1, ...), which is deterministic and keeps each part of a corpus in
/// proportion. With `.pca` the components are fitted on all codes and a label sits at its centroid's
/// projection (the mean of its documents' positions, the projection being linear); with `.tsne` the drawn
/// documents are embedded and a label sits at the coordinate-wise median of its drawn documents.
public struct TopicMap: Sendable {
    /// A drawn document: its position, topic (`UnassignedGroup.id` when unassigned) and index in the input.
    public struct Dot: Sendable, Equatable {
        public let x: Float
        public let y: Float
        public let topic: Int
        public let document: Int
    }

    /// A topic's label: at its documents' centre, with its id, size, share of all documents and words.
    public struct Label: Sendable, Equatable {
        public let x: Float
        public let y: Float
        public let topic: Int
        public let size: Int
        public let share: Double
        public let words: [String]
    }

    /// The picture's heading.
    public let title: String
    /// How the codes were placed in two dimensions.
    public let layout: TopicMapLayout
    /// The documents drawn, in input order (an even sample when there are more than the maximum).
    public let dots: [Dot]
    /// One label per topic, at its documents' centre, moved apart where centres coincide.
    public let labels: [Label]
    /// The number of documents in the topics and unassigned (dots may be fewer).
    public let documentCount: Int
    /// The number of unassigned documents.
    public let unassignedCount: Int
    /// The dimension of the codes.
    public let codeDimension: Int
    /// For `.pca`, the share of the codes' total variance along each axis (x, y); empty for `.tsne`.
    public let explainedVariance: [Double]

    /// A topic as a map draws it: its size, its centre and the words of its label.
    public struct DrawnTopic: Sendable, Equatable {
        /// The topic's id, as the documents' topics name it; topic i is the i-th of the map's topics.
        public var id: Int
        /// The number of its documents.
        public var size: Int
        /// Its centre in code space (length d), where `.pca` puts its label.
        public var centroid: [Float]
        /// The words that name it, as a person reads them (surface forms), best first; its label shows the
        /// first `TopicMap.wordsPerLabel`.
        public var words: [String]

        public init(id: Int, size: Int, centroid: [Float], words: [String]) {
            self.id = id
            self.size = size
            self.centroid = centroid
            self.words = words
        }
    }

    /// The heading of a map not given one.
    public static let standardTitle = "Topics"
    /// The most documents a map draws unless told otherwise.
    public static let standardMaximumDots = 5000
    /// The words of a topic's label.
    public static let wordsPerLabel = 3

    /// Places `codes` (the n × d codes `model` was found from) for drawing, each topic labelled by its
    /// distinctive words (`DocumentLift`); codes of one dimension throw `TopicError.codesTooNarrow`.
    ///
    /// - Parameters:
    ///   - title: the picture's heading.
    ///   - layout: t-SNE (default) or PCA.
    ///   - maximumDots: the largest number of documents drawn.
    public init(codes: Matrix, model: TopicModel, title: String = TopicMap.standardTitle,
                layout: TopicMapLayout = .standard, maximumDots: Int = TopicMap.standardMaximumDots) throws(TopicError) {
        try self.init(codes: codes, topics: model.topics.map {
            DrawnTopic(id: $0.id, size: $0.size, centroid: $0.centroid, words: $0.distinctiveWords.map(\.word))
        }, topicOfEachCode: model.documentTopics.map(\.topic), title: title, layout: layout, maximumDots: maximumDots)
    }

    /// Places `codes` (n × d) for drawing `topics` (topic i is `topics[i]`), row i of the codes in topic
    /// `topicOfEachCode[i]` (`UnassignedGroup.id` when unassigned): the map of topics found earlier, such as
    /// an index's stored ones. Codes of one dimension throw `TopicError.codesTooNarrow`.
    ///
    /// - Parameters:
    ///   - title: the picture's heading.
    ///   - layout: t-SNE (default) or PCA.
    ///   - maximumDots: the largest number of documents drawn.
    public init(codes: Matrix, topics: [DrawnTopic], topicOfEachCode: [Int], title: String = TopicMap.standardTitle,
                layout: TopicMapLayout = .standard, maximumDots: Int = TopicMap.standardMaximumDots) throws(TopicError) {
        let n = codes.rows
        precondition(n == topicOfEachCode.count, "the codes must be those the topics were found from")
        precondition(maximumDots >= 1, "a map needs at least one dot")
        guard n > 0 else { throw .noDocuments }
        guard codes.columns >= 2 else { throw .codesTooNarrow(dimensions: codes.columns) }
        let drawn = n <= maximumDots ? Array(0..<n) : (0..<maximumDots).map { $0 * n / maximumDots }
        let sample = TopicModel.rows(drawn, of: codes)
        let positions: Matrix, centres: Matrix?
        do {
            switch layout {
            case .pca:
                let components = try PrincipalComponents(of: codes, count: 2)
                positions = components.project(sample)
                centres = components.project(Matrix(rows: topics.count, columns: codes.columns,
                                                    values: topics.flatMap(\.centroid)))
                explainedVariance = components.variances.map {
                    components.totalVariance > 0 ? $0 / components.totalVariance : 0
                }
            case .tsne:
                positions = try NeighbourEmbedding().embed(sample)
                centres = nil
                explainedVariance = []
            }
        } catch {
            throw .math(error)
        }
        self.title = title
        self.layout = layout
        let dots = drawn.enumerated().map { row, document in
            Dot(x: positions[row, 0], y: positions[row, 1], topic: topicOfEachCode[document], document: document)
        }
        self.dots = dots
        let dotsByTopic = Dictionary(grouping: dots, by: \.topic)
        self.labels = topics.map { topic in
            let members = dotsByTopic[topic.id] ?? []
            let (x, y) = centres.map { ($0[topic.id, 0], $0[topic.id, 1]) }
                ?? (Self.median(members.map(\.x)), Self.median(members.map(\.y)))
            return Label(x: x, y: y, topic: topic.id, size: topic.size, share: Double(topic.size) / Double(n),
                         words: Array(topic.words.prefix(Self.wordsPerLabel)))
        }
        self.documentCount = n
        self.unassignedCount = topicOfEachCode.count { $0 == UnassignedGroup.id }
        self.codeDimension = codes.columns
    }

    /// The median of `values` (the mean of the middle two for an even count); 0 when empty.
    private static func median(_ values: [Float]) -> Float {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
