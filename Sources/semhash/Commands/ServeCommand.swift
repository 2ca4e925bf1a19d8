import ArgumentParser
import Foundation
import SemanticHashingPostgres
import SemanticHashingServer

struct ServeCommand: AsyncParsableCommand, HandlesItsOwnSignals {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve an index over HTTP: a JSON API under /api/ and a search page at /.",
        discussion: """
            The model, codes and radius index are loaded once and questions are answered concurrently. Changes \
            that other semhash commands commit (add, remove, train, topics) are picked up without a restart. \
            Writes (POST /api/documents, DELETE /api/documents/<id>) need a token from --write-token-file or \
            $SEMHASH_WRITE_TOKEN, sent as "Authorization: Bearer <token>"; without one the server is read-only. \
            One line per request on stderr; Ctrl-C (or SIGTERM) stops after the requests under way.

            On a PostgreSQL store (--index postgresql://…) the server is a replica: it copies the store at start, \
            then applies the changes other processes commit (each add or remove, as the store notifies it, and at \
            least every second) to its copy and patches its in-memory codes with them; a retraining or new topics \
            make it copy the store anew. Any number of replicas may serve one store. Writes sent to a replica \
            (with its token) go to the store, as `semhash add` and `semhash remove` write, and reach every \
            replica, this one included, through the store's change log.
            """
    )

    @OptionGroup var location: IndexLocationOptions

    @Option(name: .long, help: ArgumentHelp("The address to listen on (the default accepts this machine only).", valueName: "address"))
    var host = ServerConfiguration(indexPath: "").host

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("The port (0: any free port, printed when listening).", valueName: "port"))
    var port = ServerConfiguration(indexPath: "").port

    @Option(name: .long, help: ArgumentHelp("A file holding the token that write requests must carry.", valueName: "file"))
    var writeTokenFile: String?

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port takes 0 to 65535, got \(port)") }
    }

    func run() async throws {
        if let postgres = try location.postgres() {
            try await serveReplica(of: postgres)
            return
        }
        var configuration = ServerConfiguration(indexPath: try location.named, host: host, port: port)
        configuration.writeToken = try writeToken()
        let writes = configuration.writeToken == nil ? "read-only" : "writes accepted with the token"
        let path = configuration.indexPath
        try await SemanticHashServer.run(configuration: configuration) { url in
            ServerConfiguration.standardError("serving \(path) at \(url) (\(writes)); Ctrl-C stops")
        }
    }

    /// Serves a local copy of the store that follows the store's changes until the server stops.
    private func serveReplica(of postgres: PostgresLocation) async throws {
        let token = try writeToken()
        // Copying the store can take long: Ctrl-C meanwhile deletes the copy begun.
        let replica = try await Interruption.exitingCleanly { try await PostgresReplica.start(postgres) }
        var replicaConfiguration = ServerConfiguration(indexPath: replica.path, host: host, port: port)
        replicaConfiguration.writeToken = token
        replicaConfiguration.followingProblem = { replica.followingProblem }
        let configuration = replicaConfiguration
        let writes = token == nil ? "read-only" : "writes with the token go to the store"
        try await replica.closing {
            let index = try ServedIndex(path: replica.path)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    // Each change to some documents patches the served codes in place.
                    await replica.follow(patching: { changed, codes, commit in
                        try index.commitAndPatch(removing: changed, adding: codes, commit)
                    }, report: { ServerConfiguration.standardError("replica: \($0)") })
                }
                group.addTask {
                    try await SemanticHashServer.serve(index, configuration: configuration,
                                                       writes: PostgresReplicaWrites(location: postgres)) { url in
                        ServerConfiguration.standardError("serving \(postgres) at \(url) (a replica; \(writes)); Ctrl-C stops")
                    }
                }
                // The server ends (Ctrl-C) or fails: stop following.
                try await group.next()
                group.cancelAll()
            }
        }
    }

    private func writeToken() throws -> WriteToken? {
        if let writeTokenFile {
            guard let data = FileManager.default.contents(atPath: writeTokenFile) else {
                throw CommandError.unreadableTokenFile(path: writeTokenFile)
            }
            let text = String(decoding: data, as: UTF8.self)
            guard let token = WriteToken(text) else { throw CommandError.emptyTokenFile(path: writeTokenFile) }
            guard !WriteToken.hasWhiteSpaceInside(text) else {
                throw CommandError.tokenWithWhiteSpace(source: "the write token file \(writeTokenFile)")
            }
            return token
        }
        guard let text = ProcessInfo.processInfo.environment["SEMHASH_WRITE_TOKEN"] else { return nil }
        guard !WriteToken.hasWhiteSpaceInside(text) else { throw CommandError.tokenWithWhiteSpace(source: "SEMHASH_WRITE_TOKEN") }
        return WriteToken(text)
    }
}
