import ArgumentParser
import Foundation
import SemanticHashingServer

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve an index over HTTP: a JSON API under /api/ and a search page at /.",
        discussion: """
            The model, codes and radius index are loaded once and questions are answered concurrently. Changes \
            that other semhash commands commit (add, remove, train, topics) are picked up without a restart. \
            Writes (POST /api/documents, DELETE /api/documents/<id>) need a token from --write-token-file or \
            $SEMHASH_WRITE_TOKEN, sent as "Authorization: Bearer <token>"; without one the server is read-only. \
            One line per request on stderr; Ctrl-C (or SIGTERM) stops after the requests under way.
            """
    )

    @OptionGroup var location: IndexLocationOptions

    @Option(name: .long, help: ArgumentHelp("The address to listen on (the default accepts this machine only).", valueName: "address"))
    var host = ServerConfiguration(indexPath: "").host

    @Option(name: .long, help: ArgumentHelp("The port (0: any free port, printed when listening).", valueName: "port"))
    var port = ServerConfiguration(indexPath: "").port

    @Option(name: .long, help: ArgumentHelp("A file holding the token that write requests must carry.", valueName: "file"))
    var writeTokenFile: String?

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port takes 0 to 65535, got \(port)") }
    }

    func run() async throws {
        var configuration = ServerConfiguration(indexPath: try location.resolved(for: "serve"), host: host, port: port)
        configuration.writeToken = try writeToken()
        let writes = configuration.writeToken == nil ? "read-only" : "writes accepted with the token"
        let path = configuration.indexPath
        try await SemanticHashServer.run(configuration: configuration) { url in
            ServerConfiguration.standardError("serving \(path) at \(url) (\(writes)); Ctrl-C stops")
        }
    }

    private func writeToken() throws -> WriteToken? {
        if let writeTokenFile {
            guard let data = FileManager.default.contents(atPath: writeTokenFile) else {
                throw CommandError.unreadableTokenFile(path: writeTokenFile)
            }
            guard let token = WriteToken(String(decoding: data, as: UTF8.self)) else {
                throw CommandError.emptyTokenFile(path: writeTokenFile)
            }
            return token
        }
        return ProcessInfo.processInfo.environment["SEMHASH_WRITE_TOKEN"].flatMap(WriteToken.init)
    }
}
