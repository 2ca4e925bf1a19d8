import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import SemanticHashing
import TestSupport
import XCTest

final class TopicMapTests: XCTestCase {
    private func model(documents count: Int) throws -> (Matrix, TopicModel) {
        var generator = SeededGenerator(seed: 51)
        var centres = Matrix(rows: 3, columns: 10)
        for blob in 0..<3 { centres[blob, blob] = 6 }
        let third = count / 3
        let (codes, blobs) = gaussianBlobs(centres: centres, sizes: [third, third, count - 2 * third], spread: 1, generator: &generator)
        let vocabulary = Vocabulary(terms: ["rock", "paper", "scissor", "plain"], documentFrequencies: [1, 1, 1, 1], documentCount: 1,
                                    words: ["rocks", "paper", "scissors", "plain"])
        var documents = blobs.map { BagOfWords(termIDs: [Int32($0), 3], counts: [4, 1]) }
        documents[1] = BagOfWords(termIDs: [3], counts: [1])  // unassigned
        let model = try TopicModel(codes: codes, documents: documents, vocabulary: vocabulary,
                                   configuration: TopicConfiguration(count: .fixed(3), restarts: 2),
                                   decoder: { Matrix(rows: $0.rows, columns: 4, repeating: 0.25) })
        return (codes, model)
    }

    func testSVGIsWellFormedWithOneDotPerDrawnDocument() throws {
        let (codes, model) = try model(documents: 300)
        let map = try TopicMap(codes: codes, model: model, title: "Tiny & <test>", layout: .pca, maximumDots: 120)
        XCTAssertEqual(map.dots.map(\.document), (0..<120).map { $0 * 300 / 120 })
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("topic-map-\(UUID().uuidString).svg")
        defer { try? FileManager.default.removeItem(at: url) }
        try map.writeSVG(to: url)
        let parser = XMLParser(contentsOf: url)!
        let counter = ElementCounter()
        parser.delegate = counter
        XCTAssertTrue(parser.parse(), "SVG not well-formed: \(String(describing: parser.parserError))")
        XCTAssertEqual(counter.root, "svg")
        XCTAssertEqual(counter.counts["circle"], 120 + 3)  // dots plus one marker per topic
        XCTAssertTrue(counter.text.contains("Tiny & <test>"))
        XCTAssertTrue(counter.text.contains("scissors"), "labels show words, not terms")
        XCTAssertTrue(counter.text.contains("unassigned (0.3%)"), "the legend shows the unassigned group's share")
        XCTAssertTrue(counter.text.contains("(33.3%)") || counter.text.contains("(33.0%)"), "and each topic's share")
    }

    func testLabelsSitAtTheProjectedMeanOfTheirDocuments() throws {
        let (codes, model) = try model(documents: 90)
        let map = try TopicMap(codes: codes, model: model, layout: .pca)
        XCTAssertEqual(map.dots.count, 90)
        XCTAssertEqual(map.explainedVariance.count, 2)
        XCTAssertGreaterThan(map.explainedVariance[0], map.explainedVariance[1])
        XCTAssertEqual(map.dots.filter { $0.topic == UnassignedGroup.id }.map(\.document), [1])
        for label in map.labels {
            let members = map.dots.filter { $0.topic == label.topic }
            XCTAssertEqual(label.size, members.count)
            XCTAssertEqual(Double(label.x), members.reduce(0.0) { $0 + Double($1.x) } / Double(members.count), accuracy: 1e-3)
            XCTAssertEqual(Double(label.y), members.reduce(0.0) { $0 + Double($1.y) } / Double(members.count), accuracy: 1e-3)
            XCTAssertEqual(label.words.count, 2)  // the topic's word and "plain"; the other terms are absent from it
        }
    }

    func testLabelsOfCoincidingCentroidsDoNotOverlap() throws {
        // Two topics whose centroids project to the same point: the second label must take another spot.
        let codes = Matrix(rows: 4, columns: 2, values: [0, 0, 0, 0, 5, 5, 5, 5])
        let centroids = Matrix(rows: 2, columns: 2, values: [2.5, 2.5, 2.5, 2.5])
        let model = TopicModel(configuration: TopicConfiguration(count: .fixed(2)), topics: (0..<2).map {
            Topic(id: $0, size: 2, centroid: [2.5, 2.5], decoderWords: [], distinctiveWords: [TopicWord(term: "word", weight: 1)],
                  centralDocuments: [], dominantLabels: [])
        }, documentTopics: [0, 0, 1, 1].map { DocumentTopic(topic: $0, distance: 3.5) },
           unassigned: UnassignedGroup(documents: [], tooFewWords: 0, mostlyNonWords: 0, commonWords: []),
           tree: TopicTree(centroids: centroids, sizes: [2, 2]) { _ in [] }, silhouette: 0, countScores: [],
           inertia: 0, iterations: 1, labelAgreement: nil, labelAgreementWithUnassigned: nil)
        let parser = XMLParser(data: Data(try TopicMap(codes: codes, model: model, layout: .pca).svg().utf8))
        let counter = ElementCounter()
        parser.delegate = counter
        XCTAssertTrue(parser.parse())
        let spots = counter.labelSpots.filter { $0.text == "0: word" || $0.text == "1: word" }  // not the legend rows, "0 (2): word"
        XCTAssertEqual(spots.count, 2)
        XCTAssertNotEqual(spots[0].position, spots[1].position)
    }

    func testCodesOfOneDimensionAreRefusedAsTooNarrow() throws {
        let (codes, model) = try model(documents: 30)
        let narrow = Matrix(rows: codes.rows, columns: 1, values: (0..<codes.rows).map { codes[$0, 0] })
        XCTAssertThrowsError(try TopicMap(codes: narrow, model: model)) {
            XCTAssertEqual($0 as? TopicError, .codesTooNarrow(dimensions: 1))
        }
    }

    func testWriteFailureNamesThePath() throws {
        let (codes, model) = try model(documents: 30)
        let map = try TopicMap(codes: codes, model: model)
        let url = URL(fileURLWithPath: "/nonexistent-directory/map.svg")
        XCTAssertThrowsError(try map.writeSVG(to: url)) { error in
            guard case let .cannotWriteMap(path, _) = error as? TopicError else { return XCTFail("unexpected \(error)") }
            XCTAssertEqual(path, "/nonexistent-directory/map.svg")
        }
    }
}

/// Counts elements and gathers the character data of a parsed XML document.
private final class ElementCounter: NSObject, XMLParserDelegate {
    var counts: [String: Int] = [:]
    var root: String?
    var text = ""
    /// Each `text` element's content with its x, y and text-anchor attributes.
    var labelSpots: [(text: String, position: [String])] = []
    private var openText: [String]?

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        if root == nil { root = elementName }
        counts[elementName, default: 0] += 1
        if elementName == "text" { openText = ["x", "y", "text-anchor"].map { attributes[$0] ?? "" } }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text += string
        if let position = openText { labelSpots.append((string, position)) }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        openText = nil
    }
}
