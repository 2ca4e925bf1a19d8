/// The topic a document belongs to.
public struct TopicAssignment: Sendable, Equatable {
    /// The internal document id.
    public var documentID: Int64
    /// `StoredTopic.id`.
    public var topicID: Int
    /// The Euclidean distance from the document's code to the topic centroid.
    public var distance: Float

    public init(documentID: Int64, topicID: Int, distance: Float) {
        self.documentID = documentID
        self.topicID = topicID
        self.distance = distance
    }
}
