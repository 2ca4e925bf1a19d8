import ArgumentParser
import Foundation
import SemanticHashing

/// Reproduces the foundation's throughput figure: read, decode, clean, tokenize and count a folder corpus
/// (20 Newsgroups training set with `--strip usenet` by default), as `semhash index` does before training.
/// Checks that every run counts the same tokens and terms, and prints medians.
struct TokenizeBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokenize",
        abstract: "Time read + decode + clean + tokenize + count over a folder corpus (MB/s, docs/s)."
    )

    @Argument(help: "The corpus folder.") var corpus = "Corpora/data/20news-bydate/20news-bydate-train"
    @Option(help: "Cleaning: usenet or none.") var strip = "usenet"
    @Option(help: "Timed runs (the median is reported).") var repeats = 5

    func run() throws {
        guard let cleaning = TextCleaning(rawValue: strip) else { throw ValidationError("unknown cleaning \(strip)") }
        let source = try CorpusFormat.folder.source(at: corpus, cleaning: cleaning)
        var seconds: [Double] = []
        var outcomes: Set<[Int]> = []
        var documents = 0, bytes = 0, rawBytes = 0
        for _ in 0..<repeats {
            let tokenizer = try Tokenizer()
            var builder = VocabularyBuilder()
            var tokens = 0
            bytes = 0
            let clock = ContinuousClock()
            let start = clock.now
            let report = try source.forEachDocument { document in
                let terms = tokenizer.terms(in: document.text)
                tokens += terms.count
                bytes += document.text.utf8.count
                builder.add(documentTerms: terms)
            }
            seconds.append((clock.now - start).seconds)
            documents = report.documentCount
            outcomes.insert([documents, tokens, builder.documentFrequencies.count])
        }
        guard outcomes.count == 1, let outcome = outcomes.first else {
            throw ValidationError("runs counted different tokens: \(outcomes)")
        }
        rawBytes = try FileManager.default.subpathsOfDirectory(atPath: corpus).reduce(0) { total, path in
            let attributes = try? FileManager.default.attributesOfItem(atPath: corpus + "/" + path)
            return total + ((attributes?[.type] as? FileAttributeType) == .typeRegular ? (attributes?[.size] as? Int ?? 0) : 0)
        }
        let median = seconds.sorted()[seconds.count / 2]
        print(String(format: "tokenize %@ (strip %@): %d documents, %.2f MB raw, %.2f MB after cleaning, %d tokens, %d distinct terms",
                     corpus, strip, documents, Double(rawBytes) / 1e6, Double(bytes) / 1e6, outcome[1], outcome[2]))
        print(String(format: "  median of %d runs: %.3f s = %.1f MB/s raw (%.1f MB/s cleaned), %.0f docs/s; runs: %@",
                     repeats, median, Double(rawBytes) / 1e6 / median, Double(bytes) / 1e6 / median,
                     Double(documents) / median, seconds.map { String(format: "%.3f", $0) }.joined(separator: " ")))
    }
}
