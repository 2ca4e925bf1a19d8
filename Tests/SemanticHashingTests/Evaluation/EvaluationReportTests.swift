import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import SemanticHashing
import XCTest

final class EvaluationReportTests: XCTestCase {
    private func result(_ name: String, _ metric: String, scale: Double) -> EvaluationResult {
        let grid = EvaluationConfiguration.logarithmicRecallGrid()
        return EvaluationResult(
            method: name, metric: metric, queries: 7532, skippedQueries: 0, database: 11314,
            precisionAtCutoffs: [1, 10, 100, 1000].map { CutoffPrecision(cutoff: $0, precision: scale / (1 + log10(Double($0)))) },
            meanAveragePrecision: scale / 3,
            precisionAtRecalls: [0.001, 0.01, 0.1, 0.2, 0.5, 1].map { RecallPrecision(recall: $0, precision: scale * (1 - $0 / 2)) },
            curve: grid.map { RecallPrecision(recall: $0, precision: scale * (1 - 0.9 * pow($0, 0.5))) },
            meanQueryMilliseconds: 0.25, wallSeconds: 1.5, tieBreakingSeed: 1)
    }

    func testJSONHasTheAgreedKeysAndRoundTrips() throws {
        let original = result("lsa-10", "cosine", scale: 0.8)
        let data = try JSONEncoder().encode(original)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        for key in ["queries", "database", "metric", "precision_at_1", "precision_at_100", "map", "mean_query_ms",
                    "skipped_queries", "curve", "precision_at_recall"] {
            XCTAssertNotNil(object[key], key)
        }
        XCTAssertEqual(object["metric"] as? String, "cosine")
        XCTAssertEqual(object["precision_at_100"] as? Double, original.precision(atCutoff: 100))
        XCTAssertEqual(try JSONDecoder().decode(EvaluationResult.self, from: data), original)
    }

    func testSVGChartIsWellFormedWithOneLinePerMethod() throws {
        let results = [result("tfidf", "cosine", scale: 0.9), result("lsh <32> & co", "hamming", scale: 0.5)]
        let svg = PrecisionRecallChart(title: "20 Newsgroups", results: results).svg
        let counter = ElementCounter()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = counter
        XCTAssertTrue(parser.parse(), "SVG must parse: \(String(describing: parser.parserError))")
        XCTAssertEqual(counter.counts["svg"], 1)
        XCTAssertEqual(counter.counts["polyline"], 2)
        XCTAssertTrue(counter.texts.contains("20 Newsgroups"))
        XCTAssertTrue(counter.texts.contains("lsh <32> & co"), "names are escaped and read back")
        XCTAssertTrue(counter.texts.contains("Recall (log scale)") && counter.texts.contains("Precision"))
        for label in ["0.001", "0.01", "0.1", "1", "0.0", "0.5", "1.0"] { XCTAssertTrue(counter.texts.contains(label), label) }
    }

    func testCSVAndMarkdown() {
        let results = [result("tfidf", "cosine", scale: 0.9), result("a,b", "hamming", scale: 0.5)]
        let csv = EvaluationSummary.curvesCSV(results).split(separator: "\n")
        XCTAssertEqual(csv.first, "method,recall,precision")
        XCTAssertEqual(csv.count, 1 + 2 * 31)
        XCTAssertTrue(csv[1].hasPrefix("tfidf,0.001,"))
        XCTAssertTrue(csv[32].hasPrefix("\"a,b\",0.001,"))

        let table = EvaluationSummary.markdownTable(results).split(separator: "\n")
        XCTAssertEqual(table[0], "| Method | Metric | Queries | P@1 | P@10 | P@100 | P@1000 | MAP | ms/query |")
        XCTAssertEqual(table.count, 4)
        // tfidf: P@100 = 0.9 / 3 = 0.300, MAP 0.9 / 3 = 0.300.
        XCTAssertEqual(table[2], "| tfidf | cosine | 7532 | 0.900 | 0.450 | 0.300 | 0.225 | 0.300 | 0.250 |")
    }

    func testWriterCreatesTheFourFiles() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("semhash-report-\(UUID().uuidString)").appendingPathComponent("nested")
        defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
        let results = [result("tfidf", "cosine", scale: 0.9)]
        let urls = try EvaluationReportWriter(directory: directory, title: "test").write(results)
        XCTAssertEqual(urls.map(\.lastPathComponent), ["curves.csv", "precision-recall.svg", "summary.md", "results.json"])
        for url in urls { XCTAssertTrue(FileManager.default.fileExists(atPath: url.path), url.path) }
        let decoded = try JSONDecoder().decode([EvaluationResult].self, from: Data(contentsOf: urls[3]))
        XCTAssertEqual(decoded, results)
    }

    func testWriterReportsAnUnwritableDirectory() {
        let blocker = FileManager.default.temporaryDirectory.appendingPathComponent("semhash-file-\(UUID().uuidString)")
        XCTAssertTrue(FileManager.default.createFile(atPath: blocker.path, contents: Data()))
        defer { try? FileManager.default.removeItem(at: blocker) }
        XCTAssertThrowsError(try EvaluationReportWriter(directory: blocker.appendingPathComponent("out")).write([])) { error in
            guard case .cannotWrite? = error as? EvaluationError else { return XCTFail("unexpected \(error)") }
        }
    }
}

/// Counts the elements of a parsed XML document and collects its text.
private final class ElementCounter: NSObject, XMLParserDelegate {
    var counts: [String: Int] = [:]
    var texts: [String] = []
    private var current = ""

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        counts[name, default: 0] += 1
        current = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text" || name == "title" { texts.append(current) }
        current = ""
    }
}
