/// Topics found among document codes: k-means clusters of the codes, each named by the model's decoder and
/// by its documents' distinctive words, with every document's topic.
///
/// Built by `init(codes:documents:vocabulary:labels:configuration:decoder:)` (see `TopicDiscovery.swift`).
public struct TopicModel: Sendable, Equatable, Codable {
    /// The settings the topics were found with.
    public let configuration: TopicConfiguration
    /// The topics, largest first; `topics[i].id == i`.
    public let topics: [Topic]
    /// Each input document's topic and distance to its centroid, in input order; an unassigned document has
    /// topic `UnassignedGroup.id` and distance 0.
    public let documentTopics: [DocumentTopic]
    /// The documents left out of the topics, and why.
    public let unassigned: UnassignedGroup
    /// The topics merged by the distance of their centroids.
    public let tree: TopicTree
    /// The mean silhouette of the codes under the chosen clustering (on the seeded sample); 0 for one topic.
    public let silhouette: Double
    /// For an automatic count, the silhouette of every count tried, by count; empty for a fixed count.
    public let countScores: [TopicCountScore]
    /// The k-means inertia (sum of squared distances of codes to their centroids).
    public let inertia: Double
    /// Lloyd passes of the winning k-means restart.
    public let iterations: Int
    /// Agreement of the topics with the labels of the documents placed in them, when labels were given and
    /// any such document has one.
    public let labelAgreement: LabelAgreement?
    /// The same over every document, the unassigned group counting as one more topic: the stricter figure.
    public let labelAgreementWithUnassigned: LabelAgreement?

    public init(configuration: TopicConfiguration, topics: [Topic], documentTopics: [DocumentTopic],
                unassigned: UnassignedGroup, tree: TopicTree,
                silhouette: Double, countScores: [TopicCountScore], inertia: Double, iterations: Int,
                labelAgreement: LabelAgreement?, labelAgreementWithUnassigned: LabelAgreement?) {
        self.configuration = configuration
        self.topics = topics
        self.documentTopics = documentTopics
        self.unassigned = unassigned
        self.tree = tree
        self.labelAgreementWithUnassigned = labelAgreementWithUnassigned
        self.silhouette = silhouette
        self.countScores = countScores
        self.inertia = inertia
        self.iterations = iterations
        self.labelAgreement = labelAgreement
    }

    /// The mean NPMI coherence of the topics (0 without topics).
    public var meanCoherence: Double {
        topics.isEmpty ? 0 : topics.reduce(0) { $0 + $1.coherence } / Double(topics.count)
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
