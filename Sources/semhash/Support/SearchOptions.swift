import ArgumentParser
import SemanticHashing

extension SearchMetric: ExpressibleByArgument {}

/// How `ask` and `similar` search.
struct SearchOptions: ParsableArguments {
    @Option(name: .short, help: ArgumentHelp("How many documents to return.", valueName: "k"))
    var k = 10

    @Option(name: .long, help: ArgumentHelp("hamming: Hamming distance on hashes (ties by real-code distance); euclidean: distance on real codes; cosine: angle between real codes; cascade: every document within a Hamming radius of the question's hash, re-ranked by real-code distance; hybrid: the documents nearest by code (cosine) re-ranked with their words (BM25, reciprocal-rank fusion).", valueName: "metric"))
    var metric: SearchMetric = .standard

    @Option(name: .long, help: ArgumentHelp("Hamming radius: with hamming, return only documents within it; with cascade, the shortlist radius (grown from 0 when omitted).", valueName: "r"))
    var radius: Int?

    func validate() throws {
        guard k >= 1 else { throw ValidationError("-k must be at least 1") }
        if let radius, radius < 0 { throw ValidationError("--radius must be at least 0") }
        if radius != nil && (metric == .euclidean || metric == .cosine || metric == .hybrid) {
            throw ValidationError("--radius applies to hamming and cascade searches, not \(metric.rawValue)")
        }
    }
}
