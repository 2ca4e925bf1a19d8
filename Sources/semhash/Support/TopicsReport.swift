import Foundation
import SemanticHashing

/// What `semhash topics` prints: topics by size with their words, central documents and labels, and the
/// agreement with the labels.
struct TopicsReport: Encodable {
    struct Entry: Encodable {
        var id: Int
        var size: Int
        var decoderWords: [String]
        var distinctiveWords: [String]
        var centralDocuments: [String]
        var labels: [LabelShare]

        enum CodingKeys: String, CodingKey {
            case id, size, decoderWords = "decoder_words", distinctiveWords = "distinctive_words",
                 centralDocuments = "central_documents", labels
        }
    }

    var topics: [Entry]
    var nmi: Double?
    var purity: Double?
    var silhouette: Double

    init(model: TopicModel, centralTitles: [[String]]) {
        topics = zip(model.topics, centralTitles).map { topic, titles in
            Entry(id: topic.id, size: topic.size, decoderWords: topic.decoderWords.map(\.term),
                  distinctiveWords: topic.distinctiveWords.map(\.term), centralDocuments: titles,
                  labels: topic.dominantLabels)
        }
        nmi = model.labelAgreement?.normalizedMutualInformation
        purity = model.labelAgreement?.purity
        silhouette = model.silhouette
    }

    /// The titles (or ids) of each topic's most central documents.
    static func titles(of found: IndexTopics, in store: IndexStore) throws -> [[String]] {
        try found.model.topics.map { topic in
            let ids = topic.centralDocuments.map { found.documentIDs[$0] }
            return try store.documents(ids: ids).map { $0.title.isEmpty ? $0.externalID : $0.title }
        }
    }

    var text: String {
        var lines: [String] = []
        for topic in topics {
            lines.append("topic \(topic.id) (\(topic.size) documents)")
            lines.append("  decoder:     \(topic.decoderWords.joined(separator: " "))")
            lines.append("  distinctive: \(topic.distinctiveWords.joined(separator: " "))")
            if !topic.labels.isEmpty {
                lines.append("  labels:      " + topic.labels.map { "\($0.label) \(Int(($0.share * 100).rounded()))%" }.joined(separator: ", "))
            }
            for title in topic.centralDocuments.prefix(3) { lines.append("  · \(title.snippet(limit: 100))") }
        }
        if let nmi, let purity {
            lines.append(String(format: "agreement with labels: NMI %.3f, purity %.3f", nmi, purity))
        }
        lines.append(String(format: "silhouette %.3f", silhouette))
        return lines.joined(separator: "\n")
    }
}
