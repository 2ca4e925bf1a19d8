import ArgumentParser

/// Benchmarks kept apart from the tests: each subcommand says what it measures, checks the correctness of
/// what it times, and prints medians. The scripts under Scripts/ run them and write BENCHMARKS.md figures.
@main
struct BenchmarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "semhash-bench",
        abstract: "Measure semhash's speed (release builds; see Scripts/bench-*.sh).",
        subcommands: [TokenizeBenchmark.self, KMeansBenchmark.self, TopicsBenchmark.self, TopicQualityBenchmark.self,
                      SearchBenchmark.self, CodesFileBenchmark.self]
    )
}
