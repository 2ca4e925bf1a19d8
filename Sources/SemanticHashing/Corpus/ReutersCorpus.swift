/// The Reuters-21578 newswire collection (Distribution 1.0): `<REUTERS>` records in SGML files
/// `reut2-000.sgm` … `reut2-021.sgm`, labelled with their `<TOPICS>`.
///
/// `split` selects the "ModApte" split (Apté et al. 1994; the collection's README.txt, section VIII.B):
/// `.train` reads the records with LEWISSPLIT="TRAIN", TOPICS="YES" and at least one topic, `.test` the
/// same with LEWISSPLIT="TEST", `.all` every record. The id is NEWID, the labels the topics, the title
/// `<TITLE>`, the text `<BODY>` (the whole `<TEXT>` of unprocessed tables; empty for the "BRIEF" records
/// that only have a title), the source "file#NEWID". Records are read one at a time, in file-name order and
/// then file order; each is decoded with `TextDecoding` (the files are mostly ASCII, a few bytes latin-1).
public struct ReutersCorpus: DocumentSource {
    /// A folder containing `reut2-*.sgm`, or one `.sgm` file.
    public let path: String
    public let split: CorpusSplit

    public init(path: String, split: CorpusSplit = .all) {
        self.path = path
        self.split = split
    }

    /// - Throws: `CorpusError.malformedSGML` (file and line) for a record that is not terminated or lacks
    ///   a NEWID, `.noReutersFiles` for a folder without SGML files, and whatever `body` throws.
    @discardableResult
    public func forEachDocument(_ body: (Document) throws -> Void) throws -> CorpusReport {
        var report = CorpusReport()
        for file in try files() {
            try read(file: file, report: &report, body)
        }
        return report
    }

    private func files() throws(CorpusError) -> [String] {
        let path = FileSystem.absolute(path)
        guard let kind = FileSystem.kind(of: path) else { throw .notFound(path: path) }
        guard kind == .folder else { return [path] }
        let names = try FileSystem.entries(of: path).names
            .filter { $0.hasPrefix("reut2-") && $0.hasSuffix(".sgm") }
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        guard !names.isEmpty else { throw .noReutersFiles(path: path) }
        return names.map { path + "/" + $0 }
    }

    private func read(file: String, report: inout CorpusReport, _ body: (Document) throws -> Void) throws {
        let openTag = Array("<REUTERS".utf8)
        let closeTag = Array("</REUTERS>".utf8)
        var record: [UInt8] = []
        var recordLine: Int?
        try FileSystem.forEachLine(of: file) { line, lineNumber in
            if line.starts(with: openTag) {
                if let recordLine {
                    throw CorpusError.malformedSGML(
                        path: file, line: recordLine,
                        reason: "record is not closed by </REUTERS> before the next record at line \(lineNumber)")
                }
                recordLine = lineNumber
            }
            guard let start = recordLine else {
                if ByteSearch.firstRange(of: closeTag, in: line[...]) != nil {
                    throw CorpusError.malformedSGML(path: file, line: lineNumber,
                                                    reason: "</REUTERS> without a record to close")
                }
                return
            }
            record.append(contentsOf: line)
            record.append(UInt8(ascii: "\n"))
            guard ByteSearch.firstRange(of: closeTag, in: line[...]) != nil else { return }
            try emit(record: record, file: file, line: start, report: &report, body)
            record.removeAll(keepingCapacity: true)
            recordLine = nil
        }
        if let recordLine {
            throw CorpusError.malformedSGML(path: file, line: recordLine,
                                            reason: "record is not closed by </REUTERS> before the end of the file")
        }
    }

    private func emit(
        record bytes: [UInt8], file: String, line: Int, report: inout CorpusReport, _ body: (Document) throws -> Void
    ) throws {
        guard let decoded = TextDecoding.decode(bytes) else {
            throw CorpusError.malformedSGML(path: file, line: line, reason: "record contains a NUL byte")
        }
        let record: ReutersRecord
        do {
            record = try ReutersRecord(parsing: decoded.text)
        } catch {
            throw CorpusError.malformedSGML(path: file, line: line, reason: error.reason)
        }
        guard isSelected(record) else { return }
        let id = record.attributes["NEWID"]!
        let document = Document(id: id, title: record.title, titleIsSeparateField: true, text: record.body,
                                labels: record.topics,
                                source: file + "#" + id)
        report.count(document, encoding: decoded.encoding)
        try body(document)
    }

    private func isSelected(_ record: ReutersRecord) -> Bool {
        let splitName: String
        switch split {
        case .all: return true
        case .train: splitName = "TRAIN"
        case .test: splitName = "TEST"
        }
        return record.attributes["LEWISSPLIT"] == splitName && record.attributes["TOPICS"] == "YES"
            && !record.topics.isEmpty
    }
}
