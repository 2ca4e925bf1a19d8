import Foundation
import SemanticHashing
import TestSupport
import XCTest

/// The reader of the dense count export that the opt-in real-data tests load, on a two-word export written here.
final class ExportedCountsTests: XCTestCase {
    func testReadsAWholeExport() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("semhash-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        func write<T>(_ values: [T], to name: String) throws {
            try values.withUnsafeBytes { Data($0) }.write(to: directory.appendingPathComponent(name))
        }
        try Data(#"{"train": 3, "test": 1, "vocabulary": 2}"#.utf8).write(to: directory.appendingPathComponent("meta.json"))
        try write([Float(2), 0, 0, 1, 3, 4], to: "train_counts.f32")
        try write([Float(0), 5], to: "test_counts.f32")
        try write([Int32(7), 8, 8], to: "train_labels.i32")
        try write([Int32(8)], to: "test_labels.i32")

        let export = try ExportedCounts.collection(in: directory)
        XCTAssertEqual(export.vocabularySize, 2)
        XCTAssertEqual(export.database.map(\.termIDs), [[0], [1], [0, 1]])
        XCTAssertEqual(export.database.map(\.counts), [[2], [1], [3, 4]])
        XCTAssertEqual(export.queries.map(\.termIDs), [[1]])
        XCTAssertEqual(export.queries.map(\.counts), [[5]])
        XCTAssertEqual((0..<3).map { export.labels.isRelevant(query: 0, document: $0) }, [false, true, true])
    }

    func testRejectsCountsOfTheWrongShape() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("semhash-counts-\(UUID().uuidString)")
        try [Float(1), 2, 3].withUnsafeBytes { Data($0) }.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        XCTAssertThrowsError(try ExportedCounts.bags(file, rows: 2, columns: 2))
    }
}
