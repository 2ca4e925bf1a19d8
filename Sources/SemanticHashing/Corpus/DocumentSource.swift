/// One document of a corpus, as a reader yields it: decoded text plus the metadata the index keeps.
public struct Document: Sendable, Equatable {
    /// The external id, unique within a corpus (a relative path, a JSONL `id`, a Reuters NEWID).
    public var id: String
    /// A short title; empty when the format has none.
    public var title: String
    /// Whether the title is a field of its own (a Reuters TITLE, a JSONL "title") rather than taken from the
    /// text or from a header that cleaning removed. Only a title of its own adds words to the document (see
    /// `TextConfiguration.countsTitles`): a derived title's words are already in the text, or were meant to go.
    public var titleIsSeparateField: Bool
    /// The decoded body text (after any cleaning such as `--strip usenet`).
    public var text: String
    /// Class labels (a newsgroup, Reuters topics); empty when unlabelled.
    public var labels: [String]
    /// Where the document came from: a file path, or a path and record number.
    public var source: String

    public init(id: String, title: String = "", titleIsSeparateField: Bool = false, text: String,
                labels: [String] = [], source: String = "") {
        self.id = id
        self.title = title
        self.titleIsSeparateField = titleIsSeparateField
        self.text = text
        self.labels = labels
        self.source = source
    }
}

/// A corpus that can be read one document at a time, in a fixed order.
///
/// Readers stream: they hold one document (one file, line or record) in memory at a time, never the
/// whole corpus, and every pass yields the same documents in the same order.
public protocol DocumentSource: Sendable {
    /// Calls `body` with each document in order and reports what was read and skipped. Errors thrown by
    /// `body` stop the pass and are rethrown; a `CorpusError` means the corpus itself is broken.
    @discardableResult
    func forEachDocument(_ body: (Document) throws -> Void) throws -> CorpusReport

    /// The cleaning applied to the raw text read (`--strip`), recorded with an index's vocabulary so that
    /// later corpora can be read the same way; nil for readers that take no cleaning (Reuters records,
    /// questions, documents in memory).
    var textCleaning: TextCleaning? { get }
}

extension DocumentSource {
    public var textCleaning: TextCleaning? { nil }
}

/// Documents already in memory, as a corpus: those a server is sent (`POST /api/documents`), those a test makes.
///
/// Unlike the readers of files, it holds its whole corpus, so it is for a request's few documents, not a
/// collection. It yields them in the order given and skips none.
public struct DocumentList: DocumentSource {
    public let documents: [Document]

    public init(documents: [Document]) {
        self.documents = documents
    }

    @discardableResult
    public func forEachDocument(_ body: (Document) throws -> Void) throws -> CorpusReport {
        var report = CorpusReport()
        for document in documents {
            try body(document)
            report.count(document, encoding: .utf8)
        }
        return report
    }
}

/// What a pass over a corpus did: how many documents it yielded and what it skipped or had to guess.
public struct CorpusReport: Sendable, Equatable {
    /// Documents passed to the caller (including those with empty text).
    public var documentCount = 0
    /// Documents passed to the caller whose text was empty or blank after cleaning.
    public var emptyDocumentCount = 0
    /// Files skipped because they looked binary (contained a NUL byte).
    public var binarySkippedCount = 0
    /// Entries skipped because they could not be read as files (permissions, broken links, link loops, special
    /// files, unreadable folders, names that are not UTF-8, I/O errors).
    public var unreadableSkippedCount = 0
    /// Documents that were not valid UTF-8 and were read as ISO-8859-1.
    public var latin1DecodedCount = 0
    /// One line per skipped item, naming it and saying why.
    public var warnings: [String] = []

    public init() {}

    /// Counts `document` as yielded (and as empty when its text is blank).
    mutating func count(_ document: Document, encoding: TextEncoding) {
        documentCount += 1
        if document.text.allSatisfy(\.isWhitespace) { emptyDocumentCount += 1 }
        if encoding == .latin1 { latin1DecodedCount += 1 }
    }
}
