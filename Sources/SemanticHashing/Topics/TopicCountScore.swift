/// The mean silhouette of the clustering with `count` topics, as tried by an automatic count.
public struct TopicCountScore: Sendable, Equatable, Codable {
    public let count: Int
    public let silhouette: Double

    public init(count: Int, silhouette: Double) {
        self.count = count
        self.silhouette = silhouette
    }
}
