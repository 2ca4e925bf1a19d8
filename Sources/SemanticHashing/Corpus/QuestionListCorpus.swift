import Foundation

/// Labelled questions in a plain text file, one a line: the labels (comma-separated), a tab, the question.
///
///     sci.space	when will the shuttle launch
///     rec.autos,rec.motorcycles	tires for wet roads
///
/// The form people write a handful of test questions in, for `eval --queries` (JSONL holds the same with
/// more ceremony). Blank lines and lines starting with "#" are skipped. The id of a question is its line
/// number, its source "path:line"; questions have no title and are never cleaned. The file must be UTF-8.
public struct QuestionListCorpus: DocumentSource {
    public let path: String

    public init(path: String) { self.path = path }

    /// - Throws: `CorpusError.malformedQuestion` for a line without a tab, without a label or without a
    ///   question, or not UTF-8; and whatever `body` throws.
    @discardableResult
    public func forEachDocument(_ body: (Document) throws -> Void) throws -> CorpusReport {
        let path = FileSystem.absolute(path)
        guard let kind = FileSystem.kind(of: path) else { throw CorpusError.notFound(path: path) }
        guard kind != .folder else { throw CorpusError.notAFile(path: path, format: CorpusFormat.questions.rawValue) }
        var report = CorpusReport()
        try FileSystem.forEachLine(of: path) { bytes, lineNumber in
            guard let line = String(validating: bytes, as: UTF8.self) else {
                throw CorpusError.malformedQuestion(path: path, line: lineNumber, reason: "not valid UTF-8")
            }
            // Tabs separate the fields, so only spaces and line ends are trimmed.
            let trimmed = line.trimmingCharacters(in: CharacterSet(charactersIn: " \r\n"))
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { return }
            guard let tab = trimmed.firstIndex(of: "\t") else {
                throw CorpusError.malformedQuestion(path: path, line: lineNumber,
                                                reason: "expected labels, a tab and the question")
            }
            let labels = trimmed[..<tab].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
            let question = trimmed[trimmed.index(after: tab)...].trimmingCharacters(in: .whitespaces)
            guard !labels.isEmpty else { throw CorpusError.malformedQuestion(path: path, line: lineNumber, reason: "no label before the tab") }
            guard !question.isEmpty else { throw CorpusError.malformedQuestion(path: path, line: lineNumber, reason: "no question after the tab") }
            let document = Document(id: "line \(lineNumber)", text: question, labels: labels, source: "\(path):\(lineNumber)")
            report.count(document, encoding: .utf8)
            try body(document)
        }
        return report
    }
}
