/// Errors of the command line itself (the library's layers have their own).
enum CommandError: Error, CustomStringConvertible {
    case noIndexNamed(candidates: [String])
    case invalidList(option: String, value: String)
    case noQuestions
    case unknownDocument(String)
    case noModel(index: String)
    case nothingInVocabulary(question: String)

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
        case let .unknownDocument(id):
            return "no document with id '\(id)' in the index (see `semhash info` for what is indexed)"
        case let .noModel(index):
            return "\(index) has no trained model yet: run `semhash train --index \(index)` (or `semhash index` on a corpus)"
        case let .nothingInVocabulary(question):
            return "no word of '\(question)' is in the index's vocabulary: nothing to search for"
        }
    }
}
