import ArgumentParser
import Foundation
import SemanticHashing

extension SearchMetric: ExpressibleByArgument {}

/// How `ask` and `similar` search.
struct SearchOptions: ParsableArguments {
    @Option(name: .short, parsing: .unconditional, help: ArgumentHelp("How many documents to return.", valueName: "k"))
    var k = SearchRequest.standardCount

    @Option(name: .long, help: ArgumentHelp("hamming: Hamming distance on hashes (ties by real-code distance); euclidean: distance on real codes; cosine: angle between real codes; cascade: every document within a Hamming radius of the query's hash, re-ranked by real-code distance; hybrid: the documents nearest by code (cosine) re-ranked with their words (code closeness and BM25 score, fused).", valueName: "metric"))
    var metric: SearchMetric = .standard

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Hamming radius: with hamming, return only documents within it; with cascade, the shortlist radius (grown from 0 when omitted).", valueName: "r"))
    var radius: Int?

    /// The search these options ask for.
    var request: SearchRequest { SearchRequest(k: k, metric: metric, radius: radius) }

    func validate() throws {
        guard k >= 1 else { throw ValidationError("-k must be at least 1") }
        if let radius, radius < 0 { throw ValidationError("--radius must be at least 0") }
        if radius != nil && (metric == .euclidean || metric == .cosine || metric == .hybrid) {
            throw ValidationError("--radius applies to hamming and cascade searches, not \(metric.rawValue)")
        }
    }
}

extension SearchAnswer {
    /// The answer as `ask` and `similar` print it without `--json`.
    var text: String {
        var lines: [String] = []
        if !outOfVocabulary.isEmpty { lines.append("not in vocabulary: \(outOfVocabulary.joined(separator: ", "))") }
        if let error { return (lines + [error + ": nothing to search for"]).joined(separator: "\n") }
        if hits.isEmpty { lines.append("no documents found" + (radius.map { " within Hamming radius \($0)" } ?? "")) }
        for hit in hits {
            let distance: String
            switch metric {
            case SearchMetric.hamming.rawValue: distance = "\(hit.hamming) bits, \(String(format: "%.3f", hit.euclidean))"
            case SearchMetric.hybrid.rawValue: distance = String(format: "fused %.3f, cos %.3f", hit.distance, hit.cosine)
            case SearchMetric.cosine.rawValue: distance = String(format: "cos %.3f", hit.cosine) + ", \(hit.hamming) bits"
            default: distance = String(format: "%.3f", hit.euclidean) + ", \(hit.hamming) bits"
            }
            var header = "\(String(hit.rank).leftPadded(to: 3)). [\(distance)] \(hit.id)"
            if !hit.labels.isEmpty { header += "  (\(hit.labels.joined(separator: ", ")))" }
            if let topic = hit.topic {
                header += topic == UnassignedGroup.id ? "  unassigned" : "  topic \(topic)"
                if let words = hit.topicWords, !words.isEmpty, topic != UnassignedGroup.id { header += " (\(words.joined(separator: " ")))" }
            }
            lines.append(header)
            if !hit.title.isEmpty { lines.append("     \(hit.title)") }
            if !hit.snippet.isEmpty && hit.snippet != hit.title { lines.append("     \(hit.snippet)") }
        }
        if let shortlist {
            lines.append(metric == SearchMetric.hybrid.rawValue
                ? "(hybrid: the \(shortlist.counting("document")) nearest by code re-ranked with their words)"
                : "(cascade: \(shortlist.counting("document")) within Hamming radius \(radius ?? 0) re-ranked)")
        }
        return lines.joined(separator: "\n")
    }
}
