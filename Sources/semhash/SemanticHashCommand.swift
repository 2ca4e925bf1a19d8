import ArgumentParser
import SemanticHashing

@main
struct SemanticHashCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "semhash",
        abstract: "Semantic hashing: index documents, ask questions, see topics.",
        discussion: """
            A deep autoencoder maps each document's words to a short real code (\(ModelConfiguration().codeSize) \
            numbers by default, --code) and a binary hash (Hinton & Salakhutdinov 2006; Salakhutdinov & Hinton, \
            Semantic Hashing, 2009). By default it is pretrained \
            greedily as a stack of restricted Boltzmann machines (the papers' deep belief net, \(ModelConfiguration().pretraining.epochs) CD-1 epochs \
            per layer), then fine-tuned on reconstruction with word dropout, each document's code also \
            reconstructing the words of its \(NeighbourTargets().neighbours) nearest neighbours in the corpus (no labels used); \
            --pretrain-epochs 0 starts from random (Glorot) weights instead. The hash comes from a hash head: \
            after the real code is trained, a copy of the network gets \(ModelConfiguration.defaultHashBits) \
            logistic code units (--bits), pretrained with the layer above them as an RBM, and is fine-tuned the \
            same way for \(ModelConfiguration().hashHeadRun.epochs) epochs, its softmax layer kept, with noise on those units, so \
            that they round to bits that work for Hamming distance (--spectral-weight adds a teacher: the spectral bits \
            of the neighbour graph, as in Self-Taught Hashing; off by default). Questions are answered by the \
            codes re-ranked with the stored words (the default, ask --metric hybrid), the codes, or the hashes. \
            Everything lives in one SQLite index file, or in a PostgreSQL store shared by many writers and \
            readers (--index postgresql://…; semhash copy moves an index).
            """,
        version: IndexFormat.semhashVersion,
        subcommands: [IndexCommand.self, TrainCommand.self, AskCommand.self, SimilarCommand.self, TopicsCommand.self, AddCommand.self, RemoveCommand.self, InfoCommand.self, EvalCommand.self, CheckCommand.self, ServeCommand.self, CopyCommand.self]
    )

    /// Parses and runs a subcommand, Ctrl-C and SIGTERM ending it cleanly (`Interruption`) unless it handles
    /// them itself; a library error exits with its message and the advice for it.
    static func main() async {
        do {
            try checkHelpTopic(Array(CommandLine.arguments.dropFirst()))
            var command = try parseAsRoot()
            if let asynchronous = command as? any AsyncParsableCommand {
                try await run(asynchronous)
            } else {
                try command.run()
            }
        } catch {
            exit(withError: AdvisedError.wrapping(error))
        }
    }

    /// `semhash help a b …` names a command path; the parser shows the root's help, exit status 0, for a name
    /// that is no command, which reads as success to a script. Such a name fails here instead.
    private static func checkHelpTopic(_ arguments: [String]) throws {
        guard arguments.first == "help" else { return }
        var subcommands = configuration.subcommands
        for name in arguments.dropFirst() where !name.hasPrefix("-") {
            guard !subcommands.isEmpty else { return }
            let names = subcommands.map { $0._commandName }
            guard let position = names.firstIndex(of: name) else {
                throw ValidationError("no command '\(name)' to show help for; the commands are \(names.joined(separator: ", "))")
            }
            subcommands = subcommands[position].configuration.subcommands
        }
    }

    private nonisolated static func run(_ command: sending any AsyncParsableCommand) async throws {
        var command = command
        if command is any HandlesItsOwnSignals {
            try await command.run()
        } else {
            try await Interruption.exitingCleanly { try await command.run() }
        }
    }
}
