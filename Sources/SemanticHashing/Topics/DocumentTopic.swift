/// A document's topic and its Euclidean distance (in code units) to the topic's centroid.
public struct DocumentTopic: Sendable, Equatable, Codable {
    public let topic: Int
    public let distance: Float

    public init(topic: Int, distance: Float) {
        self.topic = topic
        self.distance = distance
    }
}
