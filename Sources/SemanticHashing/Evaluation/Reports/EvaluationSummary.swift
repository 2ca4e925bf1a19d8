import Foundation

/// Text forms of a set of evaluation results: the precision–recall curves as CSV and the headline numbers
/// as a markdown table.
public enum EvaluationSummary {
    /// One row per curve point, `method,recall,precision`, under that header; recall and precision with
    /// enough digits to replot.
    public static func curvesCSV(_ results: [EvaluationResult]) -> String {
        var lines = ["method,recall,precision"]
        for result in results {
            for point in result.curve {
                lines.append("\(csvField(result.method)),\(String(format: "%.6g", point.recall)),"
                    + String(format: "%.6f", point.precision))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A markdown table with one row per method: metric, queries, precision at each cutoff any result has
    /// (P@1, P@10, P@100, P@1000 by default; "–" where a result lacks it), MAP and milliseconds per query.
    public static func markdownTable(_ results: [EvaluationResult]) -> String {
        var cutoffs: [Int] = []
        for result in results {
            for entry in result.precisionAtCutoffs where !cutoffs.contains(entry.cutoff) { cutoffs.append(entry.cutoff) }
        }
        let header = ["Method", "Metric", "Queries"] + cutoffs.map { "P@\($0)" } + ["MAP", "ms/query"]
        var lines = ["| " + header.joined(separator: " | ") + " |",
                     "|" + header.indices.map { $0 < 2 ? " --- |" : " ---: |" }.joined()]
        for result in results {
            let precisions = cutoffs.map { k in result.precision(atCutoff: k).map { String(format: "%.3f", $0) } ?? "–" }
            let cells = [markdownCell(result.method), result.metric, String(result.queries)] + precisions
                + [String(format: "%.3f", result.meanAveragePrecision), String(format: "%.3f", result.meanQueryMilliseconds)]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static func markdownCell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
    }
}
