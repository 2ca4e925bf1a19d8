/// Failures of the index stage: the file and its SQLite layer, what the index holds, and reading a corpus
/// into it. Each message states what is wrong; the command line adds what to do.
///
/// SQLite result codes that a user can do something about (busy, full disk, read-only file, corruption,
/// a file that is not a database) get their own cases; any other SQLite failure is `.sqlite`, carrying the
/// result code, SQLite's message and the statement that failed.
public enum IndexError: Error, Equatable, CustomStringConvertible {
    /// No file exists at the path given to `IndexStore.open`.
    case notFound(String)
    /// The path given to `IndexStore.open` is a folder.
    case folder(String)
    /// `IndexStore.create` was given a path that already exists.
    case alreadyExists(String)
    /// SQLite could not open the file (missing directory, permissions, a directory in place of a file).
    case cannotOpen(String, String)
    /// The file is not a SQLite database, or is one that semhash did not write.
    case notAnIndex(String)
    /// The file is an empty SQLite database: what a `create` killed before its schema committed leaves.
    case unfinished(String)
    /// The index was written in a newer format than this build of semhash understands.
    case newerFormat(String, found: Int, supported: Int)
    /// The index is in an older format and must be upgraded, which a read-only open cannot do.
    case olderFormat(String, found: Int, supported: Int)
    /// SQLite found the file damaged, or a stored value does not decode.
    case corrupt(String, String)
    /// Another connection holds the write lock for longer than the busy timeout.
    case busy(String)
    /// The disk (or the file system quota) is full.
    case diskFull(String)
    /// A write was attempted on an index opened read-only, or on a file the process may not write.
    case readOnly(String)
    /// Any other SQLite failure: the (extended) result code, SQLite's message, and the SQL when relevant.
    case sqlite(code: Int32, message: String, sql: String?)
    /// The index holds no documents (and so no vocabulary) yet.
    case noDocuments(String)
    /// Another process is training the index's model, and did not finish within the busy timeout.
    case trainingInProgress(String)
    /// A whole index was to be copied into this one, which already holds documents.
    case notEmpty(String)
    /// The index holds documents but no trained model.
    case noModel(String)
    /// The index (its path) has no model yet, but holds the checkpoint of a training that was interrupted.
    case interruptedTraining(String)
    /// The stored model was trained on another vocabulary than the index's.
    case modelVocabularyMismatch(String)
    /// The stored model's bytes do not read as a model.
    case unreadableModel(String, ModelError)
    /// A corpus yielded no document; `skippedFiles` were passed over as binary or unreadable.
    case emptyCorpus(String, skippedFiles: Int)
    /// A corpus has documents, but not one word in any of them (empty files, or only stop words).
    case noWords(String, documents: Int)
    /// No term of a corpus qualified for the vocabulary (too few documents for the frequency filters).
    case noVocabulary(String)
    /// Another process stored a vocabulary or a model in the index (its path) while this one read a corpus
    /// against the index as it was: nothing was stored.
    case changedMeanwhile(String)
    /// Another process stored a new model, and new codes, in the index (its path) while this one found
    /// topics in the old codes: no topic was stored.
    case retrainedMeanwhile(String)

    /// This error with the index it names, when that is `path`, named `name` instead: how an error met in
    /// the local copy of a PostgreSQL store names the store (and its advice, the store's URL).
    public func naming(_ path: String, as name: String) -> IndexError {
        func renamed(_ named: String) -> String { named == path ? name : named }
        switch self {
        case let .notFound(named): return .notFound(renamed(named))
        case let .folder(named): return .folder(renamed(named))
        case let .alreadyExists(named): return .alreadyExists(renamed(named))
        case let .cannotOpen(named, detail): return .cannotOpen(renamed(named), detail)
        case let .notAnIndex(named): return .notAnIndex(renamed(named))
        case let .unfinished(named): return .unfinished(renamed(named))
        case let .newerFormat(named, found, supported): return .newerFormat(renamed(named), found: found, supported: supported)
        case let .olderFormat(named, found, supported): return .olderFormat(renamed(named), found: found, supported: supported)
        case let .corrupt(named, detail): return .corrupt(renamed(named), detail)
        case let .busy(named): return .busy(renamed(named))
        case let .diskFull(named): return .diskFull(renamed(named))
        case let .readOnly(named): return .readOnly(renamed(named))
        case .sqlite: return self
        case let .noDocuments(named): return .noDocuments(renamed(named))
        case let .trainingInProgress(named): return .trainingInProgress(renamed(named))
        case let .notEmpty(named): return .notEmpty(renamed(named))
        case let .noModel(named): return .noModel(renamed(named))
        case let .interruptedTraining(named): return .interruptedTraining(renamed(named))
        case let .modelVocabularyMismatch(named): return .modelVocabularyMismatch(renamed(named))
        case let .unreadableModel(named, error): return .unreadableModel(renamed(named), error)
        case let .emptyCorpus(named, skipped): return .emptyCorpus(renamed(named), skippedFiles: skipped)
        case let .noWords(named, documents): return .noWords(renamed(named), documents: documents)
        case let .noVocabulary(named): return .noVocabulary(renamed(named))
        case let .changedMeanwhile(named): return .changedMeanwhile(renamed(named))
        case let .retrainedMeanwhile(named): return .retrainedMeanwhile(renamed(named))
        }
    }

    public var description: String {
        switch self {
        case let .notFound(path):
            return "no semhash index at \(path)"
        case let .folder(path):
            return "\(path) is a folder, not an index file"
        case let .alreadyExists(path):
            return "\(path) already exists"
        case let .cannotOpen(path, detail):
            return "cannot open \(path): \(detail)"
        case let .notAnIndex(path):
            return "\(path) is not a semhash index (not a SQLite database written by semhash)"
        case let .unfinished(path):
            return "\(path) is not a semhash index yet: it is an empty database, as an indexing run interrupted "
                + "while creating it leaves"
        case let .newerFormat(path, found, supported):
            return "the index \(path) has format version \(found) but this semhash reads up to version \(supported)"
        case let .olderFormat(path, found, supported):
            return "\(path) has format version \(found) and needs upgrading to version \(supported), "
                + "which a read-only open cannot do"
        case let .corrupt(path, detail):
            return "the index \(path) is corrupt (\(detail))"
        case let .busy(path):
            return "the index \(path) is busy: another semhash process is writing to it"
        case let .diskFull(path):
            return "the disk is full while writing \(path)"
        case let .readOnly(path):
            return "the index \(path) is read-only: it was opened for reading, "
                + "or the file or its directory is not writable"
        case let .sqlite(code, message, sql):
            let statement = sql.map { " in `\($0)`" } ?? ""
            return "SQLite error \(code): \(message)\(statement)"
        case let .noDocuments(path):
            return "\(path) holds no indexed documents yet"
        case let .trainingInProgress(path):
            return "another semhash process is training the model of \(path)"
        case let .noModel(path):
            return "\(path) has no trained model yet"
        case let .interruptedTraining(path):
            return "\(path) has no trained model yet: its training was interrupted"
        case let .notEmpty(path):
            return "\(path) already holds documents"
        case let .modelVocabularyMismatch(path):
            return "the model in \(path) was trained on another vocabulary than the index's"
        case let .unreadableModel(path, error):
            return "the model stored in \(path) cannot be read: \(error)"
        case let .emptyCorpus(corpus, skipped):
            return "no documents found in \(corpus)"
                + (skipped > 0 ? " (\(skipped.counting("file")) skipped as binary or unreadable)" : "")
        case let .noWords(corpus, documents):
            return "the \(documents.counting("document")) of \(corpus) \(documents.agreeing("holds", "hold")) no words (empty files, or only stop words)"
        case let .noVocabulary(corpus):
            return "no term of \(corpus) occurs in enough of its documents, and in few enough, to enter the vocabulary"
        case let .changedMeanwhile(path):
            return "another process changed the vocabulary or model of \(path) while this one read the corpus; nothing was stored"
        case let .retrainedMeanwhile(path):
            return "another process trained a new model of \(path) while this one found topics in the old codes; no topic was stored"
        }
    }
}
