/// One document of a corpus, as a reader yields it: decoded text plus the metadata the index keeps.
public struct Document: Sendable, Equatable {
    /// The external id, unique within a corpus (a relative path, a JSONL `id`, a Reuters NEWID).
    public var id: String
    /// A short title; empty when the format has none.
    public var title: String
    /// The decoded body text (after any cleaning such as `--strip usenet`).
    public var text: String
    /// Class labels (a newsgroup, Reuters topics); empty when unlabelled.
    public var labels: [String]
    /// Where the document came from: a file path, or a path and record number.
    public var source: String

    public init(id: String, title: String = "", text: String, labels: [String] = [], source: String = "") {
        self.id = id
        self.title = title
        self.text = text
        self.labels = labels
        self.source = source
    }
}
