import ArgumentParser
import SemanticHashing

@main
struct SemanticHashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "semhash",
        abstract: "Semantic hashing: index documents, ask questions, see topics.",
        discussion: """
            A deep autoencoder (pretrained as a stack of restricted Boltzmann machines, then fine-tuned) maps \
            each document's words to a short real code and a binary hash (Hinton & Salakhutdinov 2006; \
            Salakhutdinov & Hinton, Semantic Hashing, 2009). Everything lives in one SQLite index file.
            """,
        version: "0.1.0",
        subcommands: [IndexCommand.self, TrainCommand.self, AskCommand.self, SimilarCommand.self, TopicsCommand.self, AddCommand.self, RemoveCommand.self, InfoCommand.self, EvalCommand.self, CheckCommand.self]
    )

    /// Parses and runs a subcommand; a library error exits with its message and the advice for it.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: AdvisedError.wrapping(error))
        }
    }
}
