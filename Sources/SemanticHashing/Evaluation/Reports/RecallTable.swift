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
