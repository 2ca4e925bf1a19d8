/// A vocabulary term with the weight that ranked it (a probability or a c-TF-IDF weight).
public struct TopicWord: Sendable, Equatable, Codable {
    public let term: String
    public let weight: Float

    public init(term: String, weight: Float) {
        self.term = term
        self.weight = weight
    }
}
