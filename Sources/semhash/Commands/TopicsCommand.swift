import ArgumentParser
import Foundation
import SemanticHashing
import SemanticHashingPostgres

extension TopicCount: ExpressibleByArgument {}
extension TopicMapLayout: ExpressibleByArgument {}

struct TopicsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topics",
        abstract: "Cluster the documents into topics named by their words, or show one topic's documents.",
        subcommands: [Find.self, Show.self],
        defaultSubcommand: Find.self
    )

    struct Find: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "find",
            abstract: "Cluster the documents' codes into topics (k-means++, seeded restarts) and store them.",
            discussion: """
                Each topic is named two ways: by the decoder (its centroid pushed through the decoder half of the \
                autoencoder, most probable words first) and by its documents' distinctive words (those many of its \
                documents contain and few others do), shown as the words they most often stand for in the corpus, and scored by the NPMI \
                coherence of its top \(TopicConfiguration.coherenceWordCount) words. Documents with too few vocabulary words to place, or mostly \
                non-words, form the unassigned group (topic -1). With labels, the topics' agreement with them is \
                measured (NMI, purity). --tree merges the topics into a tree; --plot draws a map. On PostgreSQL \
                the clustering runs here on one snapshot of the store, and the topics replace the store's in one \
                transaction (documents changed meanwhile get none until the next run).
                """
        )

        @OptionGroup var location: IndexLocationOptions

        @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("The number of topics, or auto (the count with the best silhouette in \(TopicCount.defaultRange.lowerBound)…\(TopicCount.defaultRange.upperBound)), or a range like 10...30.", valueName: "k"))
        var count = TopicConfiguration().count

        @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Words shown per topic.", valueName: "n"))
        var words = TopicConfiguration().wordsPerTopic

        @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Seed of the clustering.", valueName: "n"))
        var seed = TopicConfiguration().seed

        @Option(name: .long, help: ArgumentHelp("Also draw a map of the topics as SVG.", valueName: "file.svg"))
        var plot: String?

        @Option(name: .long, help: ArgumentHelp("How the --plot map places documents: tsne (neighbours kept near) or pca (default \(TopicMapLayout.standard.rawValue)).", valueName: "layout"))
        var layout: TopicMapLayout?

        @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Documents with fewer vocabulary words go to the unassigned group.", valueName: "n"))
        var minimumWords = TopicConfiguration().minimumDocumentWords

        @Flag(name: .long, help: "Also merge the topics into a tree by the distance of their centroids and print it.")
        var tree = false

        @OptionGroup var output: OutputOptions
        @OptionGroup var writeWait: WriteWaitOptions

        func validate() throws {
            guard count.isUsable else { throw ValidationError(TopicError.invalidCount(count).description) }
            guard words >= 1 else { throw ValidationError("--words must be at least 1") }
            guard minimumWords >= 0 else { throw ValidationError("--minimum-words must be at least 0") }
            if layout != nil && plot == nil { throw ValidationError("--layout applies to the map --plot draws; add --plot <file.svg>") }
        }

        func run() async throws {
            if let plot { try OutputPath.checkFile(plot, option: "--plot") }
            let progress = ProgressPrinter(quiet: output.quiet || output.json)
            let report: TopicsReport
            if let postgres = try location.postgres() {
                report = try await PostgresStore.using(postgres, .upgrading) { store in
                    progress.update("copying \(postgres)", force: true)
                    return try await store.withTopicsFound(waiting: writeWait.indexOptions.busyTimeout) { local in
                        do {
                            return try find(in: local, progress: progress)
                        } catch let error as IndexError {
                            // Met in the store's local copy: named by the store, so that the advice acts on it.
                            throw error.naming(local.path, as: postgres.description)
                        }
                    }
                }
            } else {
                let store = try IndexStore.open(at: try location.named, mode: .readWrite, options: writeWait.indexOptions)
                // Another writer busy now is said at once (after --wait), not after the clustering's seconds.
                try store.write {}
                report = try find(in: store, progress: progress)
            }
            if output.json { try printJSON(report) } else { print(report.text) }
        }

        /// Finds the topics of the index `store`, saves them there, draws the map if asked, and reports them.
        private func find(in store: IndexStore, progress: ProgressPrinter) throws -> TopicsReport {
            var configuration = TopicConfiguration()
            configuration.count = count
            configuration.wordsPerTopic = words
            configuration.seed = seed
            configuration.minimumDocumentWords = minimumWords
            progress.update("clustering documents into \(count) topics", force: true)
            let found = try IndexTopics(store: store, configuration: configuration)
            try found.save(in: store)
            progress.finishLine()
            if let plot {
                let layout = layout ?? .standard
                progress.update("drawing the topic map (\(layout.rawValue))", force: true)
                try TopicMap(codes: found.codes, model: found.model, layout: layout).writeSVG(to: URL(fileURLWithPath: plot))
                progress.finishLine()
                progress.log("wrote the topic map to \(plot)")
            }
            let titles = try TopicsReport.titles(of: found, in: store)
            return TopicsReport(model: found.model, centralTitles: titles, includesTree: tree)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "List the documents of one topic, most central (nearest its centroid) first.",
            discussion: "`unassigned` (or -1, last and after `--`: `semhash topics show --index <file> -- -1`) lists the unassigned group: documents with too few vocabulary words to place."
        )

        @Argument(help: ArgumentHelp("The topic's id (as `semhash topics` prints it), or `unassigned`.", valueName: "topic-id"))
        var topic: String

        /// The topic's id: a number, or the unassigned group's.
        private var topicID: Int? { UnassignedGroup.topicID(named: topic) }

        func validate() throws {
            guard topicID != nil else { throw ValidationError("expected a topic id (a number) or `unassigned`, got \(topic)") }
            guard limit >= 0 else { throw ValidationError("--limit must be at least 0") }
        }

        @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("How many documents to list.", valueName: "n"))
        var limit = TopicListing.standardDocumentCount

        @OptionGroup var location: IndexLocationOptions

        @OptionGroup var output: OutputOptions

        func run() async throws {
            let topic = try await location.withReadableIndex { path, _ in
                let store = try IndexStore.open(at: path, mode: .readOnly)
                guard let topic = try TopicListing(topic: topicID!, limit: limit, store: store) else {
                    throw CommandError.unknownTopic(topicID!, count: try store.loadTopics().filter(\.isPlaced).count)
                }
                return topic
            }
            if output.json {
                try printJSON(topic)
                return
            }
            if topic.id == UnassignedGroup.id {
                print("unassigned: \(topic.size.counting("document")) with too few vocabulary words to place")
                print("  common words:      \(topic.distinctiveWords.map(\.word).joined(separator: " "))")
            } else {
                print("topic \(topic.id): \(topic.size.counting("document")), most central first (distance to the centroid)")
                print("  decoder words:     \(topic.decoderWords.map(\.word).joined(separator: " "))")
                print("  distinctive words: \(topic.distinctiveWords.map(\.word).joined(separator: " "))")
            }
            for document in topic.documents {
                let labels = document.labels.isEmpty ? "" : "  (\(document.labels.joined(separator: ", ")))"
                print(String(format: "  %.3f  ", document.distance) + document.id + labels)
                if !document.title.isEmpty { print("         \(document.title)") }
            }
        }
    }
}
