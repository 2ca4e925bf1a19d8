import ArgumentParser
import SemanticHashing
import SemanticHashingPostgres

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check an index: SQLite integrity, and that model, vocabulary and codes agree.",
        discussion: """
            Exit status 0 when the index is sound, 2 when something is wrong with it (each problem on a line), 1 \
            when it cannot be checked (not found, busy). On PostgreSQL, also that every code and topic assignment \
            has its document and every document its id.
            """
    )

    @OptionGroup var location: IndexLocationOptions

    @Flag(name: .long, help: "Re-encode every document to compare with its stored code, not an even sample of \(IndexCheck.sampleSize).")
    var all = false

    @OptionGroup var output: OutputOptions

    func run() async throws {
        var storeProblems: [String] = []
        var storeIsBeingTrained = false
        if let postgres = try location.postgres() {
            (storeProblems, storeIsBeingTrained) = try await PostgresStore.using(postgres, .existing) {
                (try await $0.problems(), try await $0.isBeingTrained())
            }
        }
        let check: IndexCheck, path: String
        do {
            (check, path) = try await location.withReadableIndex(fresh: true) { path, name in
                (try IndexCheck(of: try IndexStore.open(at: path, mode: .readOnly), everyDocument: all), name)
            }
        } catch let error as IndexError {
            // Damage found while opening or reading is what `check` looks for: reported as its finding, status 2.
            guard case .corrupt = error else { throw error }
            let problem = "\(AdvisedError.wrapping(error))"
            if output.json {
                try printJSON(CheckReport(problems: storeProblems + [problem], documents: nil, codes: nil, interruptedTraining: nil,
                                          trainingInProgress: nil, hasModel: nil))
            } else {
                for line in storeProblems + [problem] { print(line) }
            }
            throw ExitCode(2)
        }
        let problems = storeProblems + check.problems.map(Self.line)
        // A PostgreSQL store's training runs in another process's local copy: its lock is the store's.
        let trainingInProgress = check.trainingInProgress || storeIsBeingTrained
        let isSound = problems.isEmpty
        if output.json {
            try printJSON(CheckReport(problems: problems, documents: check.documents, codes: check.codes,
                                      interruptedTraining: trainingInProgress ? nil : check.interruptedTraining,
                                      trainingInProgress: trainingInProgress, hasModel: check.hasModel))
        } else if isSound {
            print("\(path): sound (\(check.documents.counting("document")), \(check.codes.counting("code")))")
            if trainingInProgress {
                print("\(path): another semhash process is training its model"
                      + (check.interruptedTraining.map { " (\($0))" } ?? "") + "; the model is stored when it finishes")
            } else if let position = check.interruptedTraining {
                print("\(path): holds an interrupted training (\(position)); continue it with `--resume`")
            } else if !check.hasModel && check.documents > 0 {
                print("\(path): no model yet, so no codes; `semhash train` trains one")
            }
        } else {
            for problem in problems { print("\(path): \(problem)") }
        }
        if !isSound { throw ExitCode(2) }
    }

    /// `check --json`.
    private struct CheckReport: Encodable {
        var problems: [String]
        /// Nil when the index is too damaged to count them.
        var documents: Int?
        var codes: Int?
        var interruptedTraining: String?
        var trainingInProgress: Bool?
        var hasModel: Bool?
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
        case .malformedBags, .malformedLabels:
            advice = "index those documents again, or rebuild the index with `semhash index`"
        case .nonFiniteCodes, .codesDisagree, .hashesDisagree, .sampledHashesDisagree:
            advice = "re-encode them with `semhash train`"
        }
        return advice.map { "\(problem); \($0)" } ?? "\(problem)"
    }
}
