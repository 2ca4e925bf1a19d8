/// Failures of the corpus readers, with the path (and line) a user must look at.
public enum CorpusError: Error, Equatable, CustomStringConvertible {
    /// Nothing exists at `path`.
    case notFound(path: String)
    /// The format reads a folder, but `path` is a file.
    case notAFolder(path: String, format: String)
    /// The format reads a file, but `path` is a folder.
    case notAFile(path: String, format: String)
    /// A file or folder exists but cannot be read; `reason` is the system's explanation.
    case unreadable(path: String, reason: String)
    /// Line `line` (1-based) of a JSONL file is not a valid document object.
    case malformedLine(path: String, line: Int, reason: String)
    /// Line `line` (1-based) of a question list is not labels, a tab and a question.
    case malformedQuestion(path: String, line: Int, reason: String)
    /// A Reuters SGML file is broken at line `line` (1-based).
    case malformedSGML(path: String, line: Int, reason: String)
    /// A Reuters folder without any `reut2-*.sgm` file.
    case noReutersFiles(path: String)

    public var description: String {
        switch self {
        case let .notFound(path):
            return "\(path): no such file or folder"
        case let .notAFolder(path, format):
            return "\(path) is a file, but the \(format) format reads every file below a folder"
        case let .notAFile(path, format):
            return "\(path) is a folder, but the \(format) format reads a single file"
        case let .unreadable(path, reason):
            return "\(path): cannot read: \(reason)"
        case let .malformedLine(path, line, reason):
            return "\(path):\(line): \(reason)"
        case let .malformedQuestion(path, line, reason):
            return "\(path):\(line): \(reason)"
        case let .malformedSGML(path, line, reason):
            return "\(path):\(line): malformed Reuters SGML: \(reason)"
        case let .noReutersFiles(path):
            return "\(path): no reut2-*.sgm files"
        }
    }
}
