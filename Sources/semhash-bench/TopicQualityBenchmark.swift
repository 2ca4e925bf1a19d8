import ArgumentParser
import Foundation
import SemanticHashing

/// Reproduces the topics figures of BENCHMARKS.md: NMI and purity of `semhash topics` (k-means on the
/// index's codes, the unassigned group set apart) against the labels, and the mean NPMI coherence of the
/// topics' top-10 words, beside k-means with the same settings on LSA vectors of the same documents
/// (TF-IDF over the index's vocabulary, truncated SVD) named by their c-TF-IDF words (the reference's
/// naming) and by the same `DocumentLift` words as the topics, computed in the same run; the topics'
/// NPMI had they been named by c-TF-IDF; and what the unassigned group holds.
struct TopicQualityBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topic-quality",
        abstract: "NMI, purity and NPMI of topics on an index's codes vs k-means on LSA vectors of the same documents."
    )

    @Option(help: "The index (with a model and labels).") var index: String
    @Option(help: "Topic count.") var count = 20
    @Option(help: "LSA dimensions of the reference.") var lsaDimensions = 100
    @Option(help: "Seed.") var seed: UInt64 = 1
    @Option(help: "Documents with fewer vocabulary words are unassigned.") var minimumWords = TopicConfiguration().minimumDocumentWords

    func run() throws {
        let store = try IndexStore.open(at: index, mode: .readOnly)
        var configuration = TopicConfiguration()
        configuration.count = .fixed(count)
        configuration.seed = seed
        configuration.minimumDocumentWords = minimumWords
        let clock = ContinuousClock()
        let start = clock.now
        let topics = try IndexTopics(store: store, configuration: configuration)
        let topicSeconds = (clock.now - start).seconds
        let model = topics.model
        let labelsByID = try store.labelsByDocument()
        let labels = topics.documentIDs.map { labelsByID[$0] ?? [] }
        guard let agreement = model.labelAgreement, let strict = model.labelAgreementWithUnassigned else {
            throw ValidationError("the index has no labels")
        }

        // The reference: k-means on LSA of the same placed documents, named by c-TF-IDF the same way.
        let placed = model.documentTopics.indices.filter { model.documentTopics[$0].topic >= 0 }
        let width = topics.vocabulary.count
        let corpus = BaselineCorpus(database: BagOfWordsMatrix(placed.map { topics.documents[$0] }, width: width),
                                    queries: BagOfWordsMatrix([], width: width))
        let tfidf = TFIDFMatrices(corpus: corpus)
        let analysis = try LatentSemanticAnalysis(documents: tfidf.database, dimensions: lsaDimensions)
        var generator = SplitMix64(seed: seed)
        let lsaClusters = KMeans(clusterCount: count, restarts: configuration.restarts)
            .fit(analysis.project(tfidf.database), using: &generator)
        guard let reference = LabelAgreement(topics: lsaClusters.assignments, labels: placed.map { labels[$0] }) else {
            throw ValidationError("no labelled documents")
        }
        var lsaAssignments = [Int](repeating: UnassignedGroup.id, count: topics.documents.count)
        for (row, document) in placed.enumerated() { lsaAssignments[document] = lsaClusters.assignments[row] }
        let words = TopicConfiguration.coherenceWordCount
        let lsaWords = ClassTFIDF.topWords(documents: topics.documents, assignments: lsaAssignments, clusterCount: count,
                                           vocabulary: topics.vocabulary, count: words)
        let ids = { (words: [[TopicWord]]) in words.map { $0.compactMap { topics.vocabulary.id(of: $0.term) } } }
        let mean = { (scores: [Double]) in scores.reduce(0, +) / Double(max(1, scores.count)) }
        let lsaCoherence = TopicCoherence.npmi(of: ids(lsaWords), documents: topics.documents)
        let lsaMean = mean(lsaCoherence)
        let lsaLiftWords = DocumentLift.topWords(documents: topics.documents, assignments: lsaAssignments, clusterCount: count,
                                                 vocabulary: topics.vocabulary, count: words)
        let lsaLiftMean = mean(TopicCoherence.npmi(of: ids(lsaLiftWords), documents: topics.documents))
        let topicAssignments = model.documentTopics.map(\.topic)
        let ownClassTFIDF = ClassTFIDF.topWords(documents: topics.documents, assignments: topicAssignments,
                                                clusterCount: model.topics.count, vocabulary: topics.vocabulary, count: words)
        let ownClassTFIDFMean = mean(TopicCoherence.npmi(of: ids(ownClassTFIDF), documents: topics.documents))
        let decoderMean = mean(TopicCoherence.npmi(of: ids(model.topics.map { Array($0.decoderWords.prefix(words)) }),
                                                   documents: topics.documents))

        print(String(format: "topics on %@: %d documents, K=%d, seed %llu", index, topics.documentIDs.count, count, seed))
        let unassigned = model.unassigned
        print(String(format: "  unassigned: %d documents (%.1f%%): %d with fewer than %d vocabulary words, %d mostly non-words",
                     unassigned.count, 100 * Double(unassigned.count) / Double(topics.documents.count),
                     unassigned.tooFewWords, minimumWords, unassigned.mostlyNonWords))
        print("    most common words: " + unassigned.commonWords.map { String(format: "%@ %.0f%%", $0.word, 100 * $0.weight) }.joined(separator: ", "))
        let labelCounts = Dictionary(grouping: unassigned.documents.compactMap { labels[$0].first }, by: { $0 }).mapValues(\.count)
        print("    labels: " + labelCounts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(6)
            .map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        print(String(format: "  semhash codes (%d-D): NMI %.3f, purity %.3f over the %d placed documents; NMI %.3f counting the unassigned as a topic (%.1f s)",
                     topics.codes.columns, agreement.normalizedMutualInformation, agreement.purity, agreement.documentCount,
                     strict.normalizedMutualInformation, topicSeconds))
        print(String(format: "    mean NPMI of the top-%d distinctive words: %.3f (named by c-TF-IDF instead: %.3f; the decoder's %d words: %.3f)",
                     words, model.meanCoherence, ownClassTFIDFMean, configuration.wordsPerTopic, decoderMean))
        print(String(format: "  k-means on LSA-%d:     NMI %.3f, purity %.3f over the same documents", lsaDimensions,
                     reference.normalizedMutualInformation, reference.purity))
        print(String(format: "    mean NPMI of the top-%d c-TF-IDF words: %.3f (named as the topics are, by DocumentLift: %.3f)",
                     words, lsaMean, lsaLiftMean))
        for topic in model.topics {
            print(String(format: "  topic %2d (%4d) NPMI %.3f: ", topic.id, topic.size, topic.coherence)
                + topic.distinctiveWords.prefix(words).map(\.word).joined(separator: " "))
        }
        for (cluster, clusterWords) in lsaWords.enumerated() {
            print(String(format: "  lsa   %2d NPMI %.3f: ", cluster, lsaCoherence[cluster]) + clusterWords.map(\.word).joined(separator: " "))
        }
    }
}
