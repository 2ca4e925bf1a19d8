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
        if json {
            try printJSON(check)
        } else if check.isSound {
            print("\(path): sound (\(check.documents) documents, \(check.codes) codes)")
            if let position = check.interruptedTraining {
                print("\(path): holds an interrupted training (\(position)); continue it with `--resume`")
            }
        } else {
            for problem in check.problems { print("\(path): \(problem)") }
        }
        if !check.isSound { throw ExitCode(2) }
    }
}
