import Foundation

/// How many topics to find: a fixed number, or the best number within a range.
///
/// Written and read as text (also in JSON): `"20"` is `.fixed(20)`, `"5...40"` is `.automatic(5...40)`,
/// and `"auto"` is `.automatic(TopicCount.defaultRange)`.
public enum TopicCount: Sendable, Equatable, Codable, LosslessStringConvertible {
    /// Exactly this many topics (at least 1, at most the number of documents).
    case fixed(Int)
    /// The count within the range (lower bound at least 2) whose clustering has the highest mean silhouette
    /// of the codes; see `TopicModel` for the search.
    case automatic(ClosedRange<Int>)

    /// The range `auto` searches: 5...40.
    public static let defaultRange = 5...40

    public init?(_ description: String) {
        let text = description.trimmingCharacters(in: .whitespaces)
        if text == "auto" {
            self = .automatic(Self.defaultRange)
        } else if let count = Int(text) {
            self = .fixed(count)
        } else if let separator = text.range(of: "..."),
                  let lower = Int(text[..<separator.lowerBound]), let upper = Int(text[separator.upperBound...]),
                  lower <= upper {
            self = .automatic(lower...upper)
        } else {
            return nil
        }
    }

    /// Whether topics can be found with this count: a fixed count of at least 1, or a range from 2 or more.
    public var isUsable: Bool {
        switch self {
        case let .fixed(count): return count >= 1
        case let .automatic(range): return range.lowerBound >= 2
        }
    }

    public var description: String {
        switch self {
        case let .fixed(count): return String(count)
        case let .automatic(range): return "\(range.lowerBound)...\(range.upperBound)"
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let count = TopicCount(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "expected a topic count such as 20, auto or 5...40, got \(text)"))
        }
        self = count
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// The mean silhouette of the clustering with `count` topics, as tried by an automatic count.
public struct TopicCountScore: Sendable, Equatable, Codable {
    public let count: Int
    public let silhouette: Double

    public init(count: Int, silhouette: Double) {
        self.count = count
        self.silhouette = silhouette
    }
}
