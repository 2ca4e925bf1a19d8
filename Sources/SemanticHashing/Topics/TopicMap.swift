/// A 2-D picture of the topics: document codes projected on their first two principal components, one dot
/// per document coloured by topic, each topic labelled at its centroid (see `svg()` and `writeSVG(to:)`).
///
/// Principal components are fitted on all codes; at most `maximumDots` documents are drawn, chosen evenly
/// through the input order (document ⌊i · n / maximumDots⌋ for i = 0, 1, ...), which is deterministic and
/// keeps each part of a corpus in proportion. The projection is linear, so a centroid's position is the
/// mean of its documents' positions.
public struct TopicMap: Sendable {
    /// A drawn document: its position, topic and index in the input.
    public struct Dot: Sendable, Equatable {
        public let x: Float
        public let y: Float
        public let topic: Int
        public let document: Int
    }

    /// A topic's label: at its centroid's position, with its id, size and leading words.
    public struct Label: Sendable, Equatable {
        public let x: Float
        public let y: Float
        public let topic: Int
        public let size: Int
        public let words: [String]
    }

    public let title: String
    public let dots: [Dot]
    public let labels: [Label]
    /// The number of documents projected (dots may be fewer).
    public let documentCount: Int
    /// The dimension of the codes.
    public let codeDimension: Int
    /// The share of the codes' total variance along each axis (x, y).
    public let explainedVariance: [Double]

    /// Projects `codes` (the n × d codes `model` was found from, d ≥ 2) for drawing.
    ///
    /// - Parameters:
    ///   - title: the picture's heading.
    ///   - naming: which word list labels the topics (default: the distinctive c-TF-IDF words).
    ///   - wordsPerLabel: words per topic label, default 3.
    ///   - maximumDots: the largest number of documents drawn, default 5,000.
    public init(codes: Matrix, model: TopicModel, title: String = "Topics", naming: TopicNaming = .distinctive,
                wordsPerLabel: Int = 3, maximumDots: Int = 5000) throws(TopicError) {
        let n = codes.rows
        precondition(n == model.documentTopics.count, "the codes must be those the topics were found from")
        precondition(codes.columns >= 2, "a map needs codes of at least two dimensions")
        precondition(maximumDots >= 1, "a map needs at least one dot")
        guard n > 0 else { throw .noDocuments }
        let components: PrincipalComponents
        do {
            components = try PrincipalComponents(of: codes, count: 2)
        } catch {
            throw .math(error)
        }
        let drawn = n <= maximumDots ? Array(0..<n) : (0..<maximumDots).map { $0 * n / maximumDots }
        var sample = Matrix(rows: drawn.count, columns: codes.columns)
        for (row, document) in drawn.enumerated() {
            for c in 0..<codes.columns { sample[row, c] = codes[document, c] }
        }
        let positions = components.project(sample)
        let centres = components.project(model.centroids)
        self.title = title
        self.dots = drawn.enumerated().map { row, document in
            Dot(x: positions[row, 0], y: positions[row, 1], topic: model.documentTopics[document].topic, document: document)
        }
        self.labels = model.topics.map { topic in
            Label(x: centres[topic.id, 0], y: centres[topic.id, 1], topic: topic.id, size: topic.size,
                  words: naming.words(of: topic, count: wordsPerLabel))
        }
        self.documentCount = n
        self.codeDimension = codes.columns
        self.explainedVariance = components.variances.map {
            components.totalVariance > 0 ? $0 / components.totalVariance : 0
        }
    }
}
