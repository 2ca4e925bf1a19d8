/// A corpus that can be read one document at a time, in a fixed order.
///
/// Readers stream: they hold one document (one file, line or record) in memory at a time, never the
/// whole corpus, and every pass yields the same documents in the same order.
public protocol DocumentSource: Sendable {
    /// Calls `body` with each document in order and reports what was read and skipped. Errors thrown by
    /// `body` stop the pass and are rethrown; a `CorpusError` means the corpus itself is broken.
    @discardableResult
    func forEachDocument(_ body: (Document) throws -> Void) throws -> CorpusReport
}
