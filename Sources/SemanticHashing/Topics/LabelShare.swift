/// A label's share of a topic: `count` of the topic's documents carry the label, and `share` is that count
/// over the number of the topic's documents with at least one label. A multi-label document counts for
/// each of its labels, so the shares of a topic may sum above 1.
public struct LabelShare: Sendable, Equatable, Codable {
    public let label: String
    public let count: Int
    public let share: Double

    public init(label: String, count: Int, share: Double) {
        self.label = label
        self.count = count
        self.share = share
    }
}
