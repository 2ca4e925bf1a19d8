import ArgumentParser
import SemanticHashing

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check an index: SQLite integrity, and that model, vocabulary and codes agree."
    )

    @OptionGroup var location: IndexLocationOptions

    @Flag(name: .long, help: "Print JSON (problems, documents, codes).")
    var json = false

    func run() throws {
        let path = try location.resolved()
        let check = try IndexCheck(of: try IndexStore.open(at: path, mode: .readOnly))
        let problems = check.problems.map(Self.line)
        if json {
            try printJSON(CheckReport(problems: problems, documents: check.documents, codes: check.codes,
                                      interruptedTraining: check.interruptedTraining))
        } else if check.isSound {
            print("\(path): sound (\(check.documents) documents, \(check.codes) codes)")
            if let position = check.interruptedTraining {
                print("\(path): holds an interrupted training (\(position)); continue it with `--resume`")
            }
        } else {
            for problem in problems { print("\(path): \(problem)") }
        }
        if !check.isSound { throw ExitCode(2) }
    }

    /// `check --json`.
    private struct CheckReport: Encodable {
        var problems: [String]
        var documents: Int
        var codes: Int
        var interruptedTraining: String?
    }

    /// A problem as printed: the fact, then what to do about it.
    private static func line(_ problem: IndexCheck.Problem) -> String {
        let advice: String?
        switch problem {
        case .integrity, .documentsWithoutVocabulary, .codesWithoutModel, .codeWidth, .hashWidth: advice = nil
        case let .unreadableCheckpoint(error): advice = AdvisedError.advice(for: error)
        case let .unusableModel(IndexError.unreadableModel(_, reason)): advice = AdvisedError.advice(for: reason)
        case let .unusableModel(error): advice = AdvisedError.advice(for: error)
        case .unencodedDocuments: advice = "re-run `semhash index`"
        case .codesDisagree, .hashesDisagree, .sampledHashesDisagree: advice = "re-encode them with `semhash train`"
        }
        return advice.map { "\(problem); \($0)" } ?? "\(problem)"
    }
}
