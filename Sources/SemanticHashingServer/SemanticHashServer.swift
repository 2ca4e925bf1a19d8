import Foundation
import Hummingbird
import Logging
import NIOCore
import SemanticHashing

/// `semhash serve`: the HTTP server over one index. `application` assembles it (tests drive that through
/// HummingbirdTesting); `run` serves until SIGINT or SIGTERM.
public enum SemanticHashServer {
    /// The application serving `index` as `configuration` says; `onListening` receives the address bound
    /// (with the port the system chose when the configuration asks for port 0). Writes go to `writes`, by
    /// default into the served index file.
    public static func application(
        index: ServedIndex, configuration: ServerConfiguration, writes: (any DocumentWrites)? = nil,
        onListening: @escaping @Sendable (String) -> Void = { _ in }
    ) -> some ApplicationProtocol {
        // HEAD answers as GET without the body, as HTTP asks of a server that answers GET (monitors probe so).
        let router = Router(options: .autoGenerateHeadEndpoints)
        router.add(middleware: RequestLogMiddleware(log: configuration.requestLog))
        let api = IndexAPI(index: index, configuration: configuration)
        let writes = WriteAPI(writes: writes ?? IndexFileWrites(index: index), configuration: configuration)
        let handlers: [Route: @Sendable (Request) async throws -> Response] = [
            .page: { _ in SearchPage.html },
            .pageStyle: { _ in SearchPage.style },
            .pageScript: { _ in SearchPage.script },
            .health: api.health,
            .openAPI: { _ in OpenAPIDocument.response },
            .ask: api.ask,
            .similar: api.similar,
            .document: api.document,
            .addDocuments: writes.add,
            .removeDocument: writes.remove,
            .topics: api.topics,
            .topic: api.topic,
            .topicMap: { request in try await BlockingWork.run { try api.topicMap(request) } },
            .info: api.info,
        ]
        for route in ServerRoutes.all {
            guard let handler = handlers[route] else { preconditionFailure("no handler for \(route.method) \(route.path)") }
            router.on(route.routerPath, method: route.method) { request, _ in try await handler(request) }
        }
        let idle = configuration.idleTimeout.components
        return Application(
            router: router,
            // A request line or header up to 2 MiB reaches the handlers (a question over the limit gets its JSON
            // 414); beyond that SwiftNIO's parser closes the connection.
            server: .http1(configuration: .init(idleTimeout: .seconds(idle.seconds), httpDecoderConfiguration: .init(
                maxHeaderFieldSize: 2 << 20, maxHeaderListSize: 2 << 20))),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port),
                                 serverName: "semhash"),
            services: [IndexWatcher(index: index, interval: configuration.reloadInterval, log: configuration.requestLog)],
            onServerRunning: { channel in
                onListening(channel.localAddress.map(Self.url) ?? "\(configuration.host):\(configuration.port)")
            },
            logger: Self.quietLogger)
    }

    /// Opens the index, then serves it until SIGINT or SIGTERM (requests under way finish first).
    public static func run(configuration: ServerConfiguration,
                           onListening: @escaping @Sendable (String) -> Void) async throws {
        try await serve(ServedIndex(path: configuration.indexPath), configuration: configuration,
                        onListening: onListening)
    }

    /// Serves `index`, opened by the caller (a replica patches it as it follows its store), until SIGINT or
    /// SIGTERM; writes go to `writes` (a replica's, to its store), by default into the index file.
    public static func serve(_ index: ServedIndex, configuration: ServerConfiguration,
                             writes: (any DocumentWrites)? = nil,
                             onListening: @escaping @Sendable (String) -> Void) async throws {
        // Each request encodes one question: a second BLAS thread per product only adds start-up and spinning.
        BLASThreads.set(1)
        do {
            try await application(index: index, configuration: configuration, writes: writes,
                                  onListening: onListening).runService()
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw ServerError.addressInUse(host: configuration.host, port: configuration.port)
        } catch is SocketAddressError, is SocketAddressError.UnknownHost {
            throw ServerError.unknownHost(configuration.host)
        }
    }

    private static func url(_ address: SocketAddress) -> String {
        let host = address.ipAddress.map { address.protocol == .inet6 ? "[\($0)]" : $0 } ?? "localhost"
        return "http://\(host):\(address.port ?? 0)/"
    }

    /// Hummingbird's own log: warnings and worse only (each request has its line from the request log).
    private static var quietLogger: Logger {
        var logger = Logger(label: "semhash-serve")
        logger.logLevel = .warning
        return logger
    }
}
