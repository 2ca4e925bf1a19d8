import Foundation
@testable import SemanticHashing
import TestSupport
import XCTest

/// A test case that hands out index paths in the temporary directory and removes them (with their
/// write-ahead log files) afterwards.
class IndexTestCase: XCTestCase {
    private var paths: [String] = []

    /// A fresh path where no file exists yet.
    func temporaryPath(_ name: String = "index") -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("semhash-\(name)-\(UUID().uuidString).sqlite").path
        paths.append(path)
        return path
    }

    override func tearDown() {
        for path in paths {
            for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        paths = []
        super.tearDown()
    }

    /// Document `index` of a synthetic corpus with a random bag over `vocabularySize` terms; every third
    /// document has no label, every seventh an empty bag.
    func syntheticDocument(_ index: Int, vocabularySize: Int = 2000, generator: inout SeededGenerator)
        -> (document: Document, bag: BagOfWords)
    {
        let labels = index % 3 == 0 ? [] : ["group.\(index % 5)"] + (index % 4 == 0 ? ["extra/\(index % 2)"] : [])
        let text = "Document \(index) ünïcödé text " + String(repeating: "word\(index % 10) ", count: 150)
        let document = Document(id: "doc-\(index)", title: index % 2 == 0 ? "Title \(index)" : "", text: text,
                                labels: labels, source: "corpus/\(index)")
        guard index % 7 != 0 else { return (document, BagOfWords(outOfVocabularyCount: 3)) }
        let termCount = Int.random(in: 1...120, using: &generator)
        let termIDs = Array(Set((0..<termCount).map { _ in Int32.random(in: 0..<Int32(vocabularySize), using: &generator) }))
            .sorted()
        let counts = termIDs.map { _ in Float(Int.random(in: 1...9, using: &generator)) }
        return (document, BagOfWords(termIDs: termIDs, counts: counts,
                                     outOfVocabularyCount: Int.random(in: 0...20, using: &generator)))
    }

    /// Stores `count` synthetic documents in one transaction and returns them with their internal ids.
    @discardableResult
    func storeSyntheticDocuments(_ count: Int, in store: IndexStore, seed: UInt64 = 1) throws
        -> [(id: Int64, document: Document, bag: BagOfWords)]
    {
        var generator = SeededGenerator(seed: seed)
        return try store.write {
            try (0..<count).map { index in
                let (document, bag) = syntheticDocument(index, generator: &generator)
                let tokens = Int(bag.length) + bag.outOfVocabularyCount
                return (try store.upsertDocument(document, bag: bag, tokenCount: tokens), document, bag)
            }
        }
    }

    /// Random codes and hashes for `ids`.
    func randomCodes(ids: [Int64], dimension: Int, bits: Int, seed: UInt64) -> (Matrix, BinaryCodes) {
        var generator = SeededGenerator(seed: seed)
        let codes = randomMatrix(rows: ids.count, columns: dimension, generator: &generator)
        var hashes = BinaryCodes(bitCount: bits)
        for _ in ids { hashes.append(bits: (0..<bits).map { _ in Bool.random(using: &generator) }) }
        return (codes, hashes)
    }

    func assertIndexError<T>(_ expression: @autoclosure () throws -> T, _ expected: IndexError,
                             file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try expression(), file: file, line: line) { error in
            XCTAssertEqual(error as? IndexError, expected, "\(error)", file: file, line: line)
        }
    }
}
