/// Topics found among document codes: k-means clusters of the codes, each named by the model's decoder and
/// by its documents' distinctive words, with every document's topic.
///
/// Built by `init(codes:documents:vocabulary:labels:configuration:decoder:)` (see `TopicDiscovery.swift`).
public struct TopicModel: Sendable, Equatable, Codable {
    /// The settings the topics were found with.
    public let configuration: TopicConfiguration
    /// The topics, largest first; `topics[i].id == i`.
    public let topics: [Topic]
    /// Each input document's topic and distance to its centroid, in input order.
    public let documentTopics: [DocumentTopic]
    /// The mean silhouette of the codes under the chosen clustering (on the seeded sample); 0 for one topic.
    public let silhouette: Double
    /// For an automatic count, the silhouette of every count tried, by count; empty for a fixed count.
    public let countScores: [TopicCountScore]
    /// The k-means inertia (sum of squared distances of codes to their centroids).
    public let inertia: Double
    /// Lloyd passes of the winning k-means restart.
    public let iterations: Int
    /// Agreement of the topics with the documents' labels, when labels were given and any document has one.
    public let labelAgreement: LabelAgreement?

    public init(configuration: TopicConfiguration, topics: [Topic], documentTopics: [DocumentTopic],
                silhouette: Double, countScores: [TopicCountScore], inertia: Double, iterations: Int,
                labelAgreement: LabelAgreement?) {
        self.configuration = configuration
        self.topics = topics
        self.documentTopics = documentTopics
        self.silhouette = silhouette
        self.countScores = countScores
        self.inertia = inertia
        self.iterations = iterations
        self.labelAgreement = labelAgreement
    }

    /// The topic centroids as a K × d matrix, row i for topic i.
    public var centroids: Matrix {
        let d = topics.first?.centroid.count ?? 0
        return Matrix(rows: topics.count, columns: d, values: topics.flatMap(\.centroid))
    }

    /// The nearest topic of each row of `codes` (n × d) and the distance to its centroid: how a document
    /// added after discovery joins a topic. Distances are computed from the differences, as in discovery.
    public func assign(_ codes: Matrix) -> [DocumentTopic] {
        let centroids = self.centroids
        let topics = KMeans.nearestCentroids(of: codes, centroids: centroids).assignments
        let distances = Self.distances(codes, assignments: topics, centroids: centroids)
        return zip(topics, distances).map { DocumentTopic(topic: $0, distance: $1) }
    }
}
