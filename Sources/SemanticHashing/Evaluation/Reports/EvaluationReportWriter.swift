import Foundation

/// Writes the report of an evaluation into a directory (created if missing): `curves.csv` (method, recall,
/// precision), `precision-recall.svg` (the chart), `summary.md` (the markdown table) and `results.json` (the
/// results as an array of `EvaluationResult` JSON objects, sorted keys).
public struct EvaluationReportWriter: Sendable {
    public let directory: URL
    /// The chart's title.
    public let title: String

    public static let curvesFileName = "curves.csv"
    public static let chartFileName = "precision-recall.svg"
    public static let summaryFileName = "summary.md"
    public static let resultsFileName = "results.json"

    public init(directory: URL, title: String = "Precision–recall") {
        self.directory = directory
        self.title = title
    }

    /// Writes the four files and returns their URLs.
    @discardableResult
    public func write(_ results: [EvaluationResult]) throws(EvaluationError) -> [URL] {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite(path: directory.path, reason: error.localizedDescription)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let json: Data
        do { json = try encoder.encode(results) } catch {
            throw .cannotWrite(path: Self.resultsFileName, reason: "results cannot be encoded (\(error))")
        }
        let files: [(String, Data)] = [
            (Self.curvesFileName, Data(EvaluationSummary.curvesCSV(results).utf8)),
            (Self.chartFileName, Data(PrecisionRecallChart(title: title, results: results).svg.utf8)),
            (Self.summaryFileName, Data(EvaluationSummary.markdownTable(results).utf8)),
            (Self.resultsFileName, json + Data("\n".utf8)),
        ]
        var urls: [URL] = []
        for (name, contents) in files {
            let url = directory.appendingPathComponent(name)
            do { try contents.write(to: url, options: .atomic) } catch {
                throw .cannotWrite(path: url.path, reason: error.localizedDescription)
            }
            urls.append(url)
        }
        return urls
    }
}
