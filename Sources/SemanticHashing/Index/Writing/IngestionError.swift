/// Failures of reading a corpus into an index that are about the corpus as a whole.
public enum IngestionError: Error, CustomStringConvertible {
    /// The corpus yielded no document.
    case emptyCorpus(String, CorpusReport)
    /// The corpus has documents, but not one word in any of them (empty files, or only stop words).
    case noWords(String, documents: Int)
    /// No term qualified for the vocabulary (too few documents for the frequency filters).
    case noVocabulary(String)

    public var description: String {
        switch self {
        case let .emptyCorpus(corpus, report):
            var message = "no documents found in \(corpus)"
            let skipped = report.binarySkippedCount + report.unreadableSkippedCount
            if skipped > 0 { message += " (\(skipped) files skipped as binary or unreadable)" }
            return message + ": check the path and --format"
        case let .noWords(corpus, documents):
            return "the \(documents) documents of \(corpus) hold no words (empty files, or only stop words):"
                + " nothing to index; check the corpus, or keep stop words with --keep-stop-words"
        case let .noVocabulary(corpus):
            return "no term of \(corpus) qualifies for the vocabulary: index more documents, or lower --min-df"
        }
    }
}
