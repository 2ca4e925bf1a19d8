import Foundation
import SemanticHashing

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
            case SearchMetric.cosine.rawValue: distance = String(format: "cos %.3f", hit.cosine) + ", \(hit.hamming) bits"
            default: distance = String(format: "%.3f", hit.euclidean) + ", \(hit.hamming) bits"
            }
            var header = "\(String(hit.rank).leftPadded(to: 3)). [\(distance)] \(hit.id)"
            if !hit.labels.isEmpty { header += "  (\(hit.labels.joined(separator: ", ")))" }
            if let topic = hit.topic { header += "  topic \(topic)" }
            lines.append(header)
            if !hit.title.isEmpty { lines.append("     \(hit.title)") }
            if !hit.snippet.isEmpty { lines.append("     \(hit.snippet)") }
        }
        if let shortlist { lines.append("(cascade: \(shortlist) documents within Hamming radius \(radius ?? 0) re-ranked)") }
        return lines.joined(separator: "\n")
    }
}
