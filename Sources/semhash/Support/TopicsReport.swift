import Foundation
import SemanticHashing

/// What `semhash topics` prints: topics by size with their words (as a person reads them; JSON keeps the
/// terms too), coherence, central documents and labels; the unassigned group; the agreement with the
/// labels; for an automatic count, the score of every count tried; with `--tree`, the topic tree.
struct TopicsReport: Encodable {
    /// A word as shown, with the vocabulary term it stands for.
    struct Word: Encodable {
        var term: String
        var word: String

        init(_ word: TopicWord) {
            term = word.term
            self.word = word.word
        }

        init(term: String, word: String) {
            self.term = term
            self.word = word
        }
    }

    struct Entry: Encodable {
        var id: Int
        var size: Int
        var npmi: Double
        var decoderWords: [Word]
        var distinctiveWords: [Word]
        var centralDocuments: [String]
        var labels: [LabelShare]

        enum CodingKeys: String, CodingKey {
            case id, size, npmi, decoderWords = "decoder_words", distinctiveWords = "distinctive_words",
                 centralDocuments = "central_documents", labels
        }
    }

    struct Unassigned: Encodable {
        var count: Int
        var share: Double
        var tooFewWords: Int
        var mostlyNonWords: Int
        var minimumWords: Int
        var commonWords: [Word]

        enum CodingKeys: String, CodingKey {
            case count, share, tooFewWords = "too_few_words", mostlyNonWords = "mostly_non_words",
                 minimumWords = "minimum_words", commonWords = "common_words"
        }
    }

    struct TreeNode: Encodable {
        var id: Int
        var topics: [Int]
        var size: Int
        var children: [Int]
        var height: Double
        var words: [Word]
    }

    var topics: [Entry]
    var unassigned: Unassigned
    var nmi: Double?
    var purity: Double?
    var nmiWithUnassigned: Double?
    var meanNPMI: Double
    var silhouette: Double
    var countScores: [TopicCountScore]?
    var tree: [TreeNode]?
    private var treeLines: [String] = []

    enum CodingKeys: String, CodingKey {
        case topics, unassigned, nmi, purity, nmiWithUnassigned = "nmi_with_unassigned", meanNPMI = "mean_npmi",
             silhouette, countScores = "count_scores", tree
    }

    init(model: TopicModel, centralTitles: [[String]], includesTree: Bool) {
        topics = zip(model.topics, centralTitles).map { topic, titles in
            Entry(id: topic.id, size: topic.size, npmi: topic.coherence, decoderWords: topic.decoderWords.map(Word.init),
                  distinctiveWords: topic.distinctiveWords.map(Word.init), centralDocuments: titles,
                  labels: topic.dominantLabels)
        }
        let group = model.unassigned
        unassigned = Unassigned(count: group.count, share: Double(group.count) / Double(max(1, model.documentTopics.count)),
                                tooFewWords: group.tooFewWords, mostlyNonWords: group.mostlyNonWords,
                                minimumWords: model.configuration.minimumDocumentWords,
                                commonWords: group.commonWords.map(Word.init))
        nmi = model.labelAgreement?.normalizedMutualInformation
        purity = model.labelAgreement?.purity
        nmiWithUnassigned = model.labelAgreementWithUnassigned?.normalizedMutualInformation
        meanNPMI = model.meanCoherence
        silhouette = model.silhouette
        countScores = model.countScores.isEmpty ? nil : model.countScores
        if includesTree {
            tree = model.tree.nodes.map {
                TreeNode(id: $0.id, topics: $0.topics, size: $0.size, children: $0.children, height: $0.height,
                         words: $0.words.map(Word.init))
            }
            treeLines = model.tree.lines()
        }
    }

    /// The titles (or ids) of each topic's most central documents.
    static func titles(of found: IndexTopics, in store: IndexStore) throws -> [[String]] {
        try found.model.topics.map { topic in
            let ids = topic.centralDocuments.map { found.documentIDs[$0] }
            return try store.documents(ids: ids).map { $0.title.isEmpty ? $0.externalID : $0.title }
        }
    }

    /// A share as a whole percentage that never rounds a part to nothing or to everything: "<1%", ">99%".
    static func percentage(_ share: Double) -> String {
        let percent = Int((share * 100).rounded())
        if percent == 0 && share > 0 { return "<1%" }
        if percent == 100 && share < 1 { return ">99%" }
        return "\(percent)%"
    }

    var text: String {
        var lines: [String] = []
        for topic in topics {
            lines.append("topic \(topic.id) (\(topic.size.counting("document")), NPMI \(String(format: "%.3f", topic.npmi)))")
            lines.append("  decoder:     \(topic.decoderWords.map(\.word).joined(separator: " "))")
            lines.append("  distinctive: \(topic.distinctiveWords.map(\.word).joined(separator: " "))")
            if !topic.labels.isEmpty {
                lines.append("  labels:      " + topic.labels.map { "\($0.label) \(Self.percentage($0.share))" }.joined(separator: ", "))
            }
            for title in topic.centralDocuments.prefix(3) { lines.append("  · \(title.snippet(limit: 100))") }
        }
        if unassigned.count > 0 {
            var line = "unassigned: \(unassigned.count.counting("document")) (" + String(format: "%.1f%%): ", unassigned.share * 100)
            line += "\(unassigned.tooFewWords) with fewer than \(unassigned.minimumWords) vocabulary words, "
                + "\(unassigned.mostlyNonWords) mostly non-words (`topics show unassigned` lists them)"
            lines.append(line)
            lines.append("  common words: " + unassigned.commonWords.map(\.word).joined(separator: " "))
        }
        if let nmi, let purity {
            var line = String(format: "agreement with labels: NMI %.3f, purity %.3f", nmi, purity)
            if let nmiWithUnassigned, unassigned.count > 0 {
                line += String(format: " (placed documents); NMI %.3f counting the unassigned as a topic", nmiWithUnassigned)
            }
            lines.append(line)
        }
        lines.append(String(format: "coherence: mean NPMI %.3f of each topic's top %d distinctive words", meanNPMI,
                            TopicConfiguration.coherenceWordCount))
        lines.append(String(format: "silhouette %.3f", silhouette))
        if let countScores, let best = countScores.max(by: { ($0.silhouette, -$0.count) < ($1.silhouette, -$1.count) }) {
            lines.append("count: \(topics.count), the highest mean silhouette of the counts tried: "
                + countScores.map { String(format: "%d (%.3f)", $0.count, $0.silhouette) }.joined(separator: ", ")
                + (best.count == topics.count ? "" : " (best \(best.count))"))
        }
        if !treeLines.isEmpty {
            lines.append("tree (topics merged by Ward distance of their centroids):")
            lines += treeLines.map { "  " + $0 }
        }
        return lines.joined(separator: "\n")
    }
}
