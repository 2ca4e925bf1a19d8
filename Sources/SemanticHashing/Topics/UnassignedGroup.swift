/// The documents topic discovery does not place (as BERTopic's −1 outlier topic): too few vocabulary words
/// to say what they are about, or words that are mostly not words (uuencoded binaries, PGP blocks, tables
/// of numbers and letters). Their codes say little, and clustered with the rest they form a junk topic of
/// their own; here they are set apart, counted, and kept out of k-means, the topic words and the map's
/// clusters.
public struct UnassignedGroup: Sendable, Equatable, Codable {
    /// The topic id of an unassigned document (`DocumentTopic.topic`, and in the index).
    public static let id = -1

    /// The topic id a person names: a topic's number, or `unassigned` for this group (as `topics show` and
    /// `/api/topics/{id}` take it); nil for any other text.
    public static func topicID(named name: String) -> Int? {
        name == "unassigned" ? id : Int(name)
    }

    /// Why a document is unassigned.
    public enum Reason: String, Sendable, Equatable, Codable {
        /// Fewer in-vocabulary tokens than `TopicConfiguration.minimumDocumentWords`, or none at all (whatever
        /// the minimum: a wordless document's code is the empty bag's, the same for all of them).
        case tooFewWords = "too_few_words"
        /// More than `TopicConfiguration.maximumNonWordShare` of its tokens are not readable words
        /// (`TopicWord.isReadable`).
        case mostlyNonWords = "mostly_non_words"
    }

    /// The unassigned documents (indices into the input), ascending.
    public let documents: [Int]
    /// How many are unassigned for too few words.
    public let tooFewWords: Int
    /// How many for mostly non-words.
    public let mostlyNonWords: Int
    /// The terms most of them contain, with the share of them containing each, most common first (what the
    /// group holds; not filtered for readability, since non-words are the point).
    public let commonWords: [TopicWord]

    public init(documents: [Int], tooFewWords: Int, mostlyNonWords: Int, commonWords: [TopicWord]) {
        self.documents = documents
        self.tooFewWords = tooFewWords
        self.mostlyNonWords = mostlyNonWords
        self.commonWords = commonWords
    }

    public var count: Int { documents.count }

    /// Why `document` cannot be placed under `configuration`, or nil when it can; `readable[t]` tells
    /// whether term t's word is readable (`TopicWord.readableTerms(of:)`).
    public static func reason(for document: BagOfWords, readable: [Bool],
                              configuration: TopicConfiguration) -> Reason? {
        let length = document.length
        if document.isEmpty || length < Float(configuration.minimumDocumentWords) { return .tooFewWords }
        var nonWords: Float = 0
        for (term, count) in zip(document.termIDs, document.counts) where !readable[Int(term)] {
            nonWords += count
        }
        return Double(nonWords) > configuration.maximumNonWordShare * Double(length) ? .mostlyNonWords : nil
    }

    /// The group of `documents` for which `reasons` holds a reason, described by their `count` most common
    /// terms.
    init(reasons: [Reason?], documents: [BagOfWords], vocabulary: Vocabulary, count: Int) {
        let members = reasons.indices.filter { reasons[$0] != nil }
        var containing = [Int](repeating: 0, count: vocabulary.count)
        for member in members {
            for term in documents[member].termIDs { containing[Int(term)] += 1 }
        }
        let ranked = (0..<vocabulary.count).filter { containing[$0] > 0 }
            .sorted { (-containing[$0], $0) < (-containing[$1], $1) }
        self.init(documents: members, tooFewWords: reasons.filter { $0 == .tooFewWords }.count,
                  mostlyNonWords: reasons.filter { $0 == .mostlyNonWords }.count,
                  commonWords: ranked.prefix(count).map {
                      TopicWord(term: vocabulary.terms[$0], word: vocabulary.words[$0],
                                weight: Float(containing[$0]) / Float(max(1, members.count)))
                  })
    }
}
