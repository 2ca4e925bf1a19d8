import ArgumentParser
import SemanticHashing

@main
struct SemanticHashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "semhash",
        abstract: "Semantic hashing: index documents, ask questions, see topics."
    )
}
