/// What a pass over a corpus did: how many documents it yielded and what it skipped or had to guess.
public struct CorpusReport: Sendable, Equatable {
    /// Documents passed to the caller (including those with empty text).
    public var documentCount = 0
    /// Documents passed to the caller whose text was empty or blank after cleaning.
    public var emptyDocumentCount = 0
    /// Files skipped because they looked binary (contained a NUL byte).
    public var binarySkippedCount = 0
    /// Files skipped because they could not be read (permissions, broken links, I/O errors).
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
