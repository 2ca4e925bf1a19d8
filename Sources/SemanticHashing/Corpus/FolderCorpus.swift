/// A corpus stored as one file per document below a folder, labelled by subfolder (the layout of
/// 20 Newsgroups: `20news-bydate-train/<group>/<id>`).
///
/// Every regular file below `root` is a document, read in byte order of its relative path; hidden files
/// and folders are skipped, and so are files that look binary. The id is the relative path, the label the
/// relative path of the containing folder (no label for files directly in `root`), the source the absolute
/// path. Files are decoded with `TextDecoding` and cleaned with `cleaning`.
public struct FolderCorpus: DocumentSource {
    public let root: String
    public let cleaning: TextCleaning
    public var textCleaning: TextCleaning? { cleaning }

    public init(root: String, cleaning: TextCleaning = .none) {
        self.root = root
        self.cleaning = cleaning
    }

    @discardableResult
    public func forEachDocument(_ body: (Document) throws -> Void) throws -> CorpusReport {
        let root = FileSystem.absolute(root)
        guard let kind = FileSystem.kind(of: root) else { throw CorpusError.notFound(path: root) }
        guard kind == .folder else { throw CorpusError.notAFolder(path: root, format: CorpusFormat.folder.rawValue) }
        let listing = try FileListing(root: root)
        var report = CorpusReport()
        report.warnings = listing.warnings
        report.unreadableSkippedCount = listing.warnings.count
        for relativePath in listing.relativePaths {
            let path = root + "/" + relativePath
            let bytes: [UInt8]
            do {
                bytes = try FileSystem.contents(of: path)
            } catch {
                report.unreadableSkippedCount += 1
                report.warnings.append("skipped \(relativePath): \(error)")
                continue
            }
            guard let decoded = TextDecoding.decode(bytes) else {
                report.binarySkippedCount += 1
                report.warnings.append("skipped \(relativePath): binary file")
                continue
            }
            let cleaned = cleaning.apply(to: decoded.text)
            let folder = relativePath.utf8.lastIndex(of: UInt8(ascii: "/")).map { String(relativePath[..<$0]) }
            let document = Document(id: relativePath, title: cleaned.title, text: cleaned.text,
                                    labels: folder.map { [$0] } ?? [], source: path)
            report.count(document, encoding: decoded.encoding)
            try body(document)
        }
        return report
    }
}
