import ArgumentParser
import SemanticHashing

struct InfoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show what an index holds: documents, labels, vocabulary, settings and model."
    )

    @OptionGroup var location: IndexLocationOptions

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("How many top terms to list.", valueName: "n"))
    var terms = IndexSummary.standardTopTermCount

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard terms >= 0 else { throw ValidationError("--terms must be at least 0") }
    }

    func run() async throws {
        let summary = try await location.withReadableIndexAndFormat { path, name, storeFormat in
            var summary = try IndexSummary(of: try IndexStore.open(at: path, mode: .readOnly), topTermCount: terms)
            summary.path = name
            if let storeFormat { summary.formatVersion = storeFormat }
            return summary
        }
        if output.json {
            try printJSON(summary)
            return
        }
        print("index       \(summary.path) (format \(summary.formatVersion))")
        print("documents   \(summary.documents)")
        print("codes       \(summary.codes)")
        print("vocabulary  \(summary.vocabulary) terms")
        print("model       \(summary.model?.line ?? "none yet")")
        print("topics      \(summary.topics)")
        if !summary.labels.isEmpty {
            print("labels      \(summary.labels.count):")
            let sorted = summary.labels.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            for (label, count) in sorted {
                print("  \(String(count).leftPadded(to: 7))  \(label)")
            }
        }
        if !summary.topTerms.isEmpty {
            print("top terms   " + summary.topTerms.map { "\($0.word) (\($0.documentFrequency))" }.joined(separator: ", "))
        }
        for (name, value) in summary.settings.sorted(by: { $0.key < $1.key }) {
            print("setting     \(name) = \(try value.line())")
        }
    }
}

extension String {
    /// The string right-aligned in `width` columns.
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
