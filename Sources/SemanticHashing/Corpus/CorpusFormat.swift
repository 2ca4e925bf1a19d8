/// The corpus layouts semhash reads.
public enum CorpusFormat: String, Codable, Sendable, CaseIterable {
    /// One file per document below a folder, labelled by subfolder (`FolderCorpus`).
    case folder
    /// One JSON object per line (`JSONLCorpus`).
    case jsonl
    /// The Reuters-21578 SGML distribution (`ReutersCorpus`).
    case reuters
    /// Labelled questions, one a line: labels, a tab, the question (`QuestionListCorpus`).
    case questions

    /// A reader for the corpus at `path` in this format.
    ///
    /// `split` selects the ModApte part of a Reuters corpus (its training part unless given) and is ignored by
    /// the other formats (their splits are separate folders or files). `cleaning` applies to folder and JSONL text; Reuters records
    /// are structured already and are never cleaned.
    /// - Throws: `CorpusError.notFound` when nothing is at `path`, `.notAFolder`/`.notAFile` when `path` is
    ///   the wrong kind for the format.
    public func source(at path: String, split: CorpusSplit = .standard, cleaning: TextCleaning = .none)
        throws(CorpusError) -> any DocumentSource
    {
        let absolute = FileSystem.absolute(path)
        guard let kind = FileSystem.kind(of: absolute) else { throw .notFound(path: absolute) }
        switch self {
        case .folder:
            guard kind == .folder else { throw .notAFolder(path: absolute, format: rawValue) }
            return FolderCorpus(root: absolute, cleaning: cleaning)
        case .jsonl:
            guard kind != .folder else { throw .notAFile(path: absolute, format: rawValue) }
            return JSONLCorpus(path: absolute, cleaning: cleaning)
        case .reuters:
            return ReutersCorpus(path: absolute, split: split)
        case .questions:
            guard kind != .folder else { throw .notAFile(path: absolute, format: rawValue) }
            return QuestionListCorpus(path: absolute)
        }
    }
}

/// Which part of a corpus with a standard train/test split to read.
public enum CorpusSplit: String, Codable, Sendable, CaseIterable {
    /// The training documents.
    case train
    /// The test documents.
    case test
    /// Every document, including those in neither split.
    case all

    /// What a corpus is read as unless a split is named: its training documents, the database of the
    /// papers' protocols.
    public static let standard = CorpusSplit.train
}
