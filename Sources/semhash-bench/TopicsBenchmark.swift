import ArgumentParser
import Foundation
import SemanticHashing

/// Times whole topic discovery (`TopicModel`: k-means, count search, naming, central documents) on random
/// codes and random bags of words, and prints the median with the count found.
struct TopicsBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topics",
        abstract: "Time topic discovery (fixed or automatic count) on random codes and documents."
    )

    @Option(help: "Number of documents.") var documents = 11_314
    @Option(help: "Code dimension.") var dimension = 10
    @Option(help: "Vocabulary size.") var vocabulary = 2000
    @Option(help: "Topic count: a number, auto, or a range such as 5...40.") var count = "auto"
    @Option(help: "k-means restarts.") var restarts = 10
    @Option(help: "Timed runs (the medians are reported).") var repeats = 1
    @Option(help: "OpenBLAS threads.") var threads = 1

    func validate() throws {
        guard TopicCount(count) != nil else { throw ValidationError("unreadable count \(count)") }
        guard repeats >= 1, restarts >= 1, documents >= 2, dimension >= 1, vocabulary >= 1 else {
            throw ValidationError("sizes and counts must be positive")
        }
    }

    func run() throws {
        BLASThreads.set(threads)
        var data = SplitMix64(seed: 42)
        let codes = Matrix(rows: documents, columns: dimension,
                           values: (0..<(documents * dimension)).map { _ in Float.random(in: 0..<1, using: &data) })
        let bags = (0..<documents).map { _ -> BagOfWords in
            let terms = Set((0..<50).map { _ in Int32.random(in: 0..<Int32(vocabulary), using: &data) }).sorted()
            return BagOfWords(termIDs: terms, counts: terms.map { _ in Float(Int.random(in: 1...3, using: &data)) })
        }
        let words = Vocabulary(terms: (0..<vocabulary).map { "term\($0)" },
                               documentFrequencies: Array(repeating: 1, count: vocabulary), documentCount: documents)
        let settings = TopicConfiguration(count: TopicCount(count)!, restarts: restarts)
        let uniform = { (centroids: Matrix) in Matrix(rows: centroids.rows, columns: vocabulary, repeating: 1 / Float(vocabulary)) }
        var wall: [Double] = [], processor: [Double] = []
        var models: [TopicModel] = []
        for _ in 0..<repeats {
            let (wallStart, processorStart) = (Self.seconds(CLOCK_MONOTONIC), Self.seconds(CLOCK_PROCESS_CPUTIME_ID))
            models.append(try TopicModel(codes: codes, documents: bags, vocabulary: words, configuration: settings, decoder: uniform))
            wall.append(Self.seconds(CLOCK_MONOTONIC) - wallStart)
            processor.append(Self.seconds(CLOCK_PROCESS_CPUTIME_ID) - processorStart)
        }
        guard models.allSatisfy({ $0 == models[0] }) else { throw ValidationError("runs with the same seed differ") }
        guard models[0].topics.map(\.size).reduce(0, +) == documents else { throw ValidationError("documents lost") }
        print("topics n=\(documents) d=\(dimension) V=\(vocabulary) count=\(count) restarts=\(restarts) threads=\(threads), "
              + "\(repeats) runs: " + String(format: "median wall %.3f s, median CPU %.3f s; ",
                                             wall.sorted()[repeats / 2], processor.sorted()[repeats / 2])
              + "\(models[0].topics.count) topics, counts tried \(models[0].countScores.map(\.count))")
    }

    /// The time of `clock` in seconds.
    private static func seconds(_ clock: clockid_t) -> Double {
        var time = timespec()
        clock_gettime(clock, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
