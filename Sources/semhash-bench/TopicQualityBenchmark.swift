import ArgumentParser
import Foundation
import SemanticHashing

/// Reproduces the topics figure of BENCHMARKS.md: NMI and purity of `semhash topics` (k-means on the
/// index's codes) against the labels, beside k-means with the same settings on LSA vectors of the same
/// documents (TF-IDF over the index's vocabulary, truncated SVD), computed in the same run.
struct TopicQualityBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topic-quality",
        abstract: "NMI and purity of topics on an index's codes vs k-means on LSA vectors of the same documents."
    )

    @Option(help: "The index (with a model and labels).") var index: String
    @Option(help: "Topic count.") var count = 20
    @Option(help: "LSA dimensions of the reference.") var lsaDimensions = 10
    @Option(help: "Seed.") var seed: UInt64 = 1

    func run() throws {
        let store = try IndexStore.open(at: index, mode: .readOnly)
        var configuration = TopicConfiguration()
        configuration.count = .fixed(count)
        configuration.seed = seed
        let clock = ContinuousClock()
        let start = clock.now
        let topics = try IndexTopics(store: store, configuration: configuration)
        let topicSeconds = (clock.now - start).seconds
        let labelsByID = try store.labelsByDocument()
        let labels = topics.documentIDs.map { labelsByID[$0] ?? [] }
        guard let agreement = topics.model.labelAgreement else { throw ValidationError("the index has no labels") }

        let bags = try store.bags(ids: topics.documentIDs)
        let width = try store.loadVocabulary()?.count ?? 0
        let corpus = BaselineCorpus(database: BagOfWordsMatrix(topics.documentIDs.map { bags[$0] ?? BagOfWords() }, width: width),
                                    queries: BagOfWordsMatrix([], width: width))
        let tfidf = TFIDFMatrices(corpus: corpus)
        let analysis = try LatentSemanticAnalysis(documents: tfidf.database, dimensions: lsaDimensions)
        let vectors = analysis.project(tfidf.database)
        var generator = SplitMix64(seed: seed)
        let lsaClusters = KMeans(clusterCount: count, restarts: configuration.restarts).fit(vectors, using: &generator)
        guard let reference = LabelAgreement(topics: lsaClusters.assignments, labels: labels) else {
            throw ValidationError("no labelled documents")
        }
        print(String(format: "topics on %@: %d documents, K=%d, seed %llu", index, topics.documentIDs.count, count, seed))
        print(String(format: "  semhash codes (%d-D): NMI %.3f, purity %.3f (%.1f s)", topics.codes.columns,
                     agreement.normalizedMutualInformation, agreement.purity, topicSeconds))
        print(String(format: "  k-means on LSA-%d:     NMI %.3f, purity %.3f", lsaDimensions,
                     reference.normalizedMutualInformation, reference.purity))
    }
}
