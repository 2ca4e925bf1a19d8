import Foundation

/// A corpus stored as JSON Lines: one JSON object per line,
/// `{"id": "...", "text": "...", "title": "...", "labels": ["..."]}`.
///
/// `id` (not empty) and `text` are required strings; `title` (a string) and `labels` (an array of strings) are
/// optional; other fields are ignored. Blank lines are skipped. The file must be UTF-8 (as JSON requires), and
/// each id appears on one line only (a second line with it would silently replace the first in an index).
/// Lines are read one at a time, of any length. The title defaults to the one `cleaning` derives; the
/// source is "path:line".
public struct JSONLCorpus: DocumentSource {
    public let path: String
    public let cleaning: TextCleaning

    public init(path: String, cleaning: TextCleaning = .none) {
        self.path = path
        self.cleaning = cleaning
    }

    private struct Record: Decodable {
        var id: String
        var text: String
        var title: String?
        var labels: [String]?
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
            let record: Record
            do {
                record = try decoder.decode(Record.self, from: Data(line))
            } catch let error as DecodingError {
                throw CorpusError.malformedLine(path: path, line: lineNumber, reason: Self.reason(for: error))
            }
            if let problem = Document.problem(withID: record.id) {
                throw CorpusError.malformedLine(path: path, line: lineNumber, reason: #"field "id" "# + problem)
            }
            if let first = lineOfID.updateValue(lineNumber, forKey: record.id) {
                throw CorpusError.malformedLine(path: path, line: lineNumber, reason: "the id '\(record.id)' is also on line \(first)")
            }
            let cleaned = cleaning.apply(to: record.text)
            let document = Document(id: record.id, title: record.title ?? cleaned.title,
                                    titleIsSeparateField: record.title != nil, text: cleaned.text,
                                    labels: record.labels ?? [], source: "\(path):\(lineNumber)")
            report.count(document, encoding: .utf8)
            try body(document)
        }
        return report
    }

    private static func isJSONWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
    }

    /// A one-line explanation of why a line is not a document object.
    private static func reason(for error: DecodingError) -> String {
        func field(_ path: [any CodingKey]) -> String {
            path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case let .keyNotFound(key, _):
            return "missing required field \"\(key.stringValue)\""
        case let .valueNotFound(_, context):
            return "field \"\(field(context.codingPath))\" is null"
        case let .typeMismatch(_, context):
            if context.codingPath.isEmpty { return "expected a JSON object" }
            let name = field(context.codingPath)
            return name.hasPrefix("labels") ? "\"labels\" must be an array of strings"
                : "field \"\(name)\" must be a string"
        case let .dataCorrupted(context):
            let detail = (context.underlyingError as? NSError)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return "not valid JSON" + (detail.map { ": \($0)" } ?? "")
        @unknown default:
            return "not a document object: \(error)"
        }
    }
}
