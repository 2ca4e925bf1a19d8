import Foundation
import SemanticHashing

/// Readers of a dense count export (row-major little-endian Float32 counts, Int32 labels), the format the
/// opt-in real-data tests read from `SEMHASH_EVAL_DATA` / `SEMHASH_RECIPE_DATA`.
public enum ExportedCounts {
    public struct ShapeError: Error, CustomStringConvertible {
        public var description: String
    }

    /// A whole export: `meta.json` (`train`, `test`, `vocabulary`), the database's and the queries' counts
    /// (`train_counts.f32`, `test_counts.f32`) and their single labels (`train_labels.i32`, `test_labels.i32`).
    public struct Collection {
        public let vocabularySize: Int
        public let database: [BagOfWords]
        public let queries: [BagOfWords]
        public let labels: RelevanceLabels
    }

    /// Reads the export in `directory`.
    public static func collection(in directory: URL) throws -> Collection {
        struct Meta: Decodable { let train: Int, test: Int, vocabulary: Int }
        let meta = try JSONDecoder().decode(Meta.self, from: Data(contentsOf: directory.appendingPathComponent("meta.json")))
        return Collection(
            vocabularySize: meta.vocabulary,
            database: try bags(directory.appendingPathComponent("train_counts.f32"), rows: meta.train, columns: meta.vocabulary),
            queries: try bags(directory.appendingPathComponent("test_counts.f32"), rows: meta.test, columns: meta.vocabulary),
            labels: RelevanceLabels(database: try labelSets(directory.appendingPathComponent("train_labels.i32")),
                                    queries: try labelSets(directory.appendingPathComponent("test_labels.i32"))))
    }

    /// Each row of the `rows × columns` count matrix in `url` as a bag of words.
    public static func bags(_ url: URL, rows: Int, columns: Int) throws -> [BagOfWords] {
        let data = try Data(contentsOf: url)
        guard data.count == rows * columns * 4 else {
            throw ShapeError(description: "\(url.path) holds \(data.count) bytes, expected \(rows)×\(columns) floats")
        }
        return data.withUnsafeBytes { raw in
            (0..<rows).map { row in
                var ids: [Int32] = [], counts: [Float] = []
                for column in 0..<columns {
                    let count = Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(
                        fromByteOffset: (row * columns + column) * 4, as: UInt32.self)))
                    if count != 0 {
                        ids.append(Int32(column))
                        counts.append(count)
                    }
                }
                return BagOfWords(termIDs: ids, counts: counts)
            }
        }
    }

    /// One single-label set per Int32 in `url`.
    public static func labelSets(_ url: URL) throws -> [[Int32]] {
        let data = try Data(contentsOf: url)
        return data.withUnsafeBytes { raw in
            (0..<(data.count / 4)).map { [Int32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: Int32.self))] }
        }
    }
}
