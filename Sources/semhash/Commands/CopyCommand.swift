import ArgumentParser
import Foundation
import SemanticHashing
import SemanticHashingPostgres

struct CopyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy an index between a SQLite file and a PostgreSQL store, either way.",
        discussion: """
            The model, vocabulary, settings, documents, codes, topics and checkpoints arrive byte for byte. Into \
            PostgreSQL: the database may be new (the schema is created) but must hold no documents; everything is \
            written in one transaction, and documents get the store's ids (a SHA-256 prefix of their external id). \
            Into SQLite: the file must not exist; it appears only once complete, with the store's document ids.
            """
    )

    @Argument(help: ArgumentHelp("The index to copy: a SQLite file or a postgresql:// URL.", valueName: "from"))
    var from: String

    @Argument(help: ArgumentHelp("Where to copy it: a new SQLite file or a postgresql:// URL.", valueName: "to"))
    var to: String

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard !from.isEmpty && !to.isEmpty else { throw ValidationError("name both ends of the copy") }
        for end in [from, to] where PostgresLocation.isOtherURL(end) {
            throw ValidationError(CommandError.unsupportedURL(end).description)
        }
        guard PostgresLocation.isURL(from) != PostgresLocation.isURL(to) else {
            throw ValidationError(CommandError.sameKindCopy(from: from, to: to).description)
        }
    }

    func run() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let report: CopyReport
        if PostgresLocation.isURL(to) {
            let source = try IndexStore.open(at: from, mode: .readOnly)
            let destination = try PostgresLocation(url: to)
            let written = try await PostgresStore.using(destination, .creating) { store in
                try await store.write(from: source, .wholeIndex)
            }
            report = CopyReport(from: from, to: destination.description, documents: written.documents,
                                codes: written.codes, seconds: (clock.now - start).seconds)
        } else {
            try OutputPath.checkFile(to, option: "the copy's destination")
            let source = try PostgresLocation(url: from)
            let counts = try await PostgresStore.using(source, .existing) { store in
                try await IndexStore.createFilled(at: to) { local in try await store.export(into: local) }
            }
            report = CopyReport(from: source.description, to: to, documents: counts.documents, codes: counts.codes,
                                seconds: (clock.now - start).seconds)
        }
        if output.json {
            try printJSON(report)
        } else {
            print("copied \(report.from) to \(report.to): \(report.documents.counting("document")), \(report.codes.counting("code")) in "
                  + String(format: "%.1f s", report.seconds))
        }
    }

    private struct CopyReport: Encodable {
        var from: String
        var to: String
        var documents: Int
        var codes: Int
        var seconds: Double
    }
}
