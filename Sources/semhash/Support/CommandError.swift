import SemanticHashing
import SemanticHashingPostgres

/// Errors of the command line itself (the library's layers have their own).
enum CommandError: Error, CustomStringConvertible {
    case noIndexNamed(candidates: [String])
    case invalidList(option: String, value: String)
    case noQuestions
    case unreadableQuestions(path: String)
    case unknownDocument(String)
    /// `similar` of a document with no vocabulary word: its code carries no meaning.
    case documentWithoutWords(String)
    case nothingInVocabulary(question: String)
    /// `topics show` of a topic the index does not have (`count` topics, none yet when 0).
    case unknownTopic(Int, count: Int)
    /// `eval` on an index without a model, and no baseline named.
    case nothingToEvaluate(index: String, interruptedTraining: Bool)
    /// `serve --write-token-file` naming a file that cannot be read, or that holds only white space.
    case unreadableTokenFile(path: String)
    case emptyTokenFile(path: String)
    /// `serve`'s write token (from `--write-token-file`, or `SEMHASH_WRITE_TOKEN` as named by `source`) with
    /// white space inside (several lines or words).
    case tokenWithWhiteSpace(source: String)
    /// An index named by a URL that is not a PostgreSQL store's.
    case unsupportedURL(String)
    /// `copy` between two stores of the same kind.
    case sameKindCopy(from: String, to: String)
    /// An output path (`--plot`, `--out`) that cannot be written, found before any work is done.
    case unwritableOutput(option: String, path: String, reason: String)

    var description: String {
        switch self {
        case let .noIndexNamed(candidates) where candidates.isEmpty:
            return "no index named: pass --index <file> (or set SEMHASH_INDEX); Indexes/ holds no index yet"
        case let .noIndexNamed(candidates):
            return "several indexes in Indexes/ (\(candidates.joined(separator: ", "))): pick one with --index <file>"
        case let .invalidList(option, value):
            return "\(option) takes comma-separated positive whole numbers, got '\(value)'"
        case .noQuestions:
            return "no questions: pass one as an argument, or --questions <file> (one per line; - for stdin)"
        case let .unreadableQuestions(path):
            return "cannot read the questions file \(path): check that it exists and is readable (one question per line; - reads stdin)"
        case let .unknownDocument(id):
            return "no document with id '\(id)' in the index (ids are as `ask` and `similar` print them)"
        case let .documentWithoutWords(id):
            return "document '\(id)' has no word of the index's vocabulary: its code carries no meaning, so nothing is similar to it"
        case let .nothingInVocabulary(question):
            return "no word of '\(question)' is in the index's vocabulary: nothing to search for"
        case let .unknownTopic(_, count) where count == 0:
            return "the index has no topics yet: run `semhash topics` first"
        case let .unknownTopic(topic, _) where topic == UnassignedGroup.id:
            return "no document is unassigned: every document is in a topic"
        case let .unknownTopic(topic, count):
            return "no topic \(topic): topics are 0…\(count - 1)"
        case let .nothingToEvaluate(index, interrupted):
            return "nothing to evaluate: \(index) has no model; "
                + (interrupted ? "its training was interrupted: continue it with `semhash train --index \(index) --resume`,"
                               : "train one with `semhash train --index \(index)`,")
                + " or name baselines with --baseline"
        case let .unreadableTokenFile(path):
            return "cannot read the write token file \(path): check that it exists and is readable"
        case let .emptyTokenFile(path):
            return "the write token file \(path) is empty: put the token in it (one line)"
        case let .tokenWithWhiteSpace(source):
            return "\(source) holds white space inside its token (several lines or words), "
                + "which no Authorization header can carry: put the token alone on one line"
        case let .unsupportedURL(url):
            return "\(url) is not an index semhash can open: name a SQLite file, or a PostgreSQL store as "
                + "postgresql://[user@][host][:port]/database"
        case let .unwritableOutput(option, path, reason):
            return "\(option) \(path) cannot be written: \(reason); choose another path"
        case let .sameKindCopy(from, to):
            return "`semhash copy` moves an index between SQLite and PostgreSQL; \(from) and \(to) are both "
                + (PostgresLocation.isURL(from) ? "PostgreSQL stores: copy through a SQLite file" : "SQLite files: copy the file")
        }
    }
}
