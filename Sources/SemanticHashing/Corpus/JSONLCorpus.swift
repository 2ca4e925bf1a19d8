import Foundation

/// A corpus stored as JSON Lines: one `DocumentRecord` per line,
/// `{"id": "...", "text": "...", "title": "...", "labels": ["..."]}`.
///
/// Blank lines are skipped. The file must be UTF-8 (as JSON requires), and each id appears on one line only
/// (a second line with it would silently replace the first in an index). Lines are read one at a time, of any
/// length. The title defaults to the one `cleaning` derives; the source is "path:line".
public struct JSONLCorpus: DocumentSource {
    public let path: String
    public let cleaning: TextCleaning
    public var textCleaning: TextCleaning? { cleaning }

    public init(path: String, cleaning: TextCleaning = .none) {
        self.path = path
        self.cleaning = cleaning
    }

    /// - Throws: `CorpusError.malformedLine` with the 1-based line number for a line that is not a valid
    ///   document object or repeats an earlier line's id, and whatever `body` throws.
    @discardableResult
    public func forEachDocument(_ body: (Document) throws -> Void) throws -> CorpusReport {
        let path = FileSystem.absolute(path)
        guard let kind = FileSystem.kind(of: path) else { throw CorpusError.notFound(path: path) }
        guard kind != .folder else { throw CorpusError.notAFile(path: path, format: CorpusFormat.jsonl.rawValue) }
        let decoder = JSONDecoder()
        var report = CorpusReport()
        var lineOfID: [String: Int] = [:]
        try FileSystem.forEachLine(of: path) { line, lineNumber in
            guard line.contains(where: { !Self.isJSONWhitespace($0) }) else { return }
            guard String(validating: line, as: UTF8.self) != nil else {
                throw CorpusError.malformedLine(path: path, line: lineNumber, reason: "not valid UTF-8")
            }
            let record: DocumentRecord
            do {
                record = try decoder.decode(DocumentRecord.self, from: Data(line))
            } catch let error as DecodingError {
                throw CorpusError.malformedLine(path: path, line: lineNumber, reason: DocumentRecord.reason(for: error))
            }
            if let problem = record.problem {
                throw CorpusError.malformedLine(path: path, line: lineNumber, reason: problem)
            }
            if let first = lineOfID.updateValue(lineNumber, forKey: record.id) {
                throw CorpusError.malformedLine(path: path, line: lineNumber, reason: "the id '\(record.id)' is also on line \(first)")
            }
            let document = record.document(source: "\(path):\(lineNumber)", cleaning: cleaning)
            report.count(document, encoding: .utf8)
            try body(document)
        }
        return report
    }

    private static func isJSONWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
    }
}
