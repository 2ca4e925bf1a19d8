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

/// A markdown table of interpolated precision at the configured recall levels, one row per method.
public enum RecallTable {
    public static func markdown(_ results: [EvaluationResult]) -> String {
        let levels = results.first?.precisionAtRecalls.map(\.recall) ?? []
        var lines = ["| Method | " + levels.map { "P@R \(formatted($0))" }.joined(separator: " | ") + " |",
                     "| --- |" + String(repeating: " ---: |", count: levels.count)]
        for result in results {
            let values = levels.map { level in result.precision(atRecall: level).map { format3($0) } ?? "-" }
            lines.append("| \(result.method) | " + values.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func formatted(_ recall: Double) -> String {
        var text = String(recall)
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    private static func format3(_ value: Double) -> String {
        let scaled = Int((value * 1000).rounded())
        let fraction = String(scaled % 1000)
        return "\(scaled / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
