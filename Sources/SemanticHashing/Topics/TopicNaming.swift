/// Which of a topic's two word lists names it where space allows only a few words (the map's labels).
public enum TopicNaming: String, Sendable, Equatable, Codable, CaseIterable {
    /// The most probable words of the decoder's distribution at the centroid (`Topic.decoderWords`).
    case decoder
    /// The words that set the topic's documents apart (`Topic.distinctiveWords`, `DocumentLift`).
    case distinctive

    /// The first `count` words of `topic` in this naming, as a person reads them (surface forms).
    public func words(of topic: Topic, count: Int) -> [String] {
        let words = self == .decoder ? topic.decoderWords : topic.distinctiveWords
        return words.prefix(count).map(\.word)
    }
}
