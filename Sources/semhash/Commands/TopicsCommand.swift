import ArgumentParser
import Foundation
import SemanticHashing

extension TopicCount: ExpressibleByArgument {}

struct TopicsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topics",
        abstract: "Cluster the documents into topics named by their words, or show one topic's documents.",
        subcommands: [Find.self, Show.self],
        defaultSubcommand: Find.self
    )

    struct Find: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "find",
            abstract: "Cluster the documents' codes into topics (k-means++, seeded restarts) and store them.",
            discussion: """
                Each topic is named two ways: by the decoder (its centroid pushed through the decoder half of the \
                autoencoder, most probable words first) and by its documents' distinctive words (class-based \
                TF-IDF). With labels, the topics' agreement with them is measured (NMI, purity).
                """
        )

        @OptionGroup var location: IndexLocationOptions

        @Option(name: .long, help: ArgumentHelp("The number of topics, or auto (the count with the best silhouette in 5…40), or a range like 10...30.", valueName: "k"))
        var count = TopicConfiguration().count

        @Option(name: .long, help: ArgumentHelp("Words shown per topic.", valueName: "n"))
        var words = TopicConfiguration().wordsPerTopic

        @Option(name: .long, help: ArgumentHelp("Seed of the clustering.", valueName: "n"))
        var seed = TopicConfiguration().seed

        @Option(name: .long, help: ArgumentHelp("Also draw a map of the topics (codes projected by PCA) as SVG.", valueName: "file.svg"))
        var plot: String?

        @OptionGroup var output: OutputOptions
        @OptionGroup var writeWait: WriteWaitOptions

        func run() throws {
            let progress = ProgressPrinter(quiet: output.quiet || output.json)
            let store = try IndexStore.open(at: try location.resolved(), mode: .readWrite,
                                            options: writeWait.indexOptions)
            var configuration = TopicConfiguration()
            configuration.count = count
            configuration.wordsPerTopic = words
            configuration.seed = seed
            progress.update("clustering documents into \(count) topics", force: true)
            let found = try IndexTopics(store: store, configuration: configuration)
            try found.save(in: store)
            progress.finishLine()
            if let plot {
                try TopicMap(codes: found.codes, model: found.model).writeSVG(to: URL(fileURLWithPath: plot))
                progress.log("wrote the topic map to \(plot)")
            }
            let titles = try TopicsReport.titles(of: found, in: store)
            let report = TopicsReport(model: found.model, centralTitles: titles)
            if output.json { try printJSON(report) } else { print(report.text) }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "List the documents of one topic, nearest its centre first."
        )

        @Argument(help: ArgumentHelp("The topic's id (as `semhash topics` prints it).", valueName: "topic-id"))
        var topic: Int

        @Option(name: .long, help: ArgumentHelp("How many documents to list.", valueName: "n"))
        var limit = 20

        @OptionGroup var location: IndexLocationOptions

        @Flag(name: .long, help: "Print JSON.")
        var json = false

        func run() throws {
            let store = try IndexStore.open(at: try location.resolved(), mode: .readOnly)
            // One snapshot for the topic, its members and their documents, whatever another process writes.
            let (topic, members, documents) = try store.read {
                let topics = try store.loadTopics()
                guard let topic = topics.first(where: { $0.id == self.topic }) else {
                    throw CommandError.unknownTopic(self.topic, count: topics.count)
                }
                let members = try store.loadTopicAssignments().filter { $0.topicID == topic.id }
                    .sorted { $0.distance != $1.distance ? $0.distance < $1.distance : $0.documentID < $1.documentID }
                    .prefix(limit)
                return (topic, members, try store.documents(ids: members.map(\.documentID)))
            }
            if json {
                try printJSON(TopicListing(id: topic.id, size: topic.size, decoderWords: topic.decoderWords,
                                           distinctiveWords: topic.distinctiveWords,
                                           documents: zip(documents, members).map {
                                               .init(id: $0.externalID, title: $0.title, labels: $0.labels, distance: $1.distance)
                                           }))
                return
            }
            print("topic \(topic.id): \(topic.size) documents")
            print("  decoder words:     \(topic.decoderWords.joined(separator: " "))")
            print("  distinctive words: \(topic.distinctiveWords.joined(separator: " "))")
            for (document, member) in zip(documents, members) {
                let labels = document.labels.isEmpty ? "" : "  (\(document.labels.joined(separator: ", ")))"
                print(String(format: "  %.3f  ", member.distance) + document.externalID + labels)
                if !document.title.isEmpty { print("         \(document.title)") }
            }
        }
    }
}

/// `topics show --json`.
struct TopicListing: Encodable {
    struct Member: Encodable {
        var id: String
        var title: String
        var labels: [String]
        var distance: Float
    }

    var id: Int
    var size: Int
    var decoderWords: [String]
    var distinctiveWords: [String]
    var documents: [Member]

    enum CodingKeys: String, CodingKey {
        case id, size, decoderWords = "decoder_words", distinctiveWords = "distinctive_words", documents
    }
}
