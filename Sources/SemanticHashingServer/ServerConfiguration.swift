import Foundation

/// How `semhash serve` runs: where, on which index, with which limits. The command line reads its defaults
/// from here.
public struct ServerConfiguration: Sendable {
    /// The index file served.
    public var indexPath: String
    /// The address to listen on; the default accepts connections from this machine only.
    public var host: String
    /// The port; 0 lets the system choose a free one (the address actually bound is reported when listening).
    public var port: Int
    /// The bearer token that write requests must carry; nil makes the server read-only.
    public var writeToken: WriteToken?
    /// The most documents a search may return.
    public var maximumResults: Int
    /// The longest question accepted, in UTF-8 bytes.
    public var maximumQuestionBytes: Int
    /// The largest request body accepted, in bytes.
    public var maximumBodyBytes: Int
    /// How often the server looks for a new committed state of the index.
    public var reloadInterval: Duration
    /// A connection that sends nothing for this long is closed, so idle or stalled clients hold nothing.
    public var idleTimeout: Duration
    /// Where each request's log line (method, path, status, milliseconds) goes; nil logs nothing.
    public var requestLog: (@Sendable (String) -> Void)?
    /// For a server of a copy that follows another store (a PostgreSQL replica): why the copy is not
    /// following, and for how many seconds, or nil while it is; `/healthz` reports it as "stale". Nil for an
    /// index file, which is always the current state.
    public var followingProblem: (@Sendable () -> (reason: String, seconds: Double)?)?

    /// Defaults: 127.0.0.1:8080, read-only, at most 1,000 results, questions up to 64 KiB, bodies up to
    /// 8 MiB, a look for changes every 250 ms, idle connections closed after 60 s, request lines on stderr.
    public init(indexPath: String, host: String = "127.0.0.1", port: Int = 8080, writeToken: WriteToken? = nil,
                maximumResults: Int = 1000, maximumQuestionBytes: Int = 64 << 10, maximumBodyBytes: Int = 8 << 20,
                reloadInterval: Duration = .milliseconds(250), idleTimeout: Duration = .seconds(60),
                requestLog: (@Sendable (String) -> Void)? = ServerConfiguration.standardError) {
        self.indexPath = indexPath
        self.host = host
        self.port = port
        self.writeToken = writeToken
        self.maximumResults = maximumResults
        self.maximumQuestionBytes = maximumQuestionBytes
        self.maximumBodyBytes = maximumBodyBytes
        self.reloadInterval = reloadInterval
        self.idleTimeout = idleTimeout
        self.requestLog = requestLog
    }

    /// Writes a line to stderr (one write, so concurrent lines do not interleave).
    public static let standardError: @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// The secret that write requests must present as `Authorization: Bearer <token>`.
///
/// Compared in constant time (the time does not depend on where a guess first differs); never printed: its
/// description is a placeholder.
public struct WriteToken: Sendable, CustomStringConvertible {
    private let bytes: [UInt8]

    /// A token from text (a file's content or an environment variable), surrounding white space removed;
    /// nil when nothing is left. See `hasWhiteSpaceInside` for a token no request can carry.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        bytes = Array(trimmed.utf8)
    }

    /// Whether `text`, its surrounding white space removed, has white space inside (several lines or words):
    /// an `Authorization` header carries one word, so such a token could never match.
    public static func hasWhiteSpaceInside(_ text: String) -> Bool {
        text.trimmingCharacters(in: .whitespacesAndNewlines).contains(where: \.isWhitespace)
    }

    /// Whether the value of an `Authorization` header carries this token, compared in constant time.
    public func isCarried(by authorization: String?) -> Bool {
        guard let authorization, authorization.hasPrefix("Bearer ") else { return false }
        let presented = Array(authorization.utf8.dropFirst("Bearer ".utf8.count))
        var difference: UInt8 = presented.count == bytes.count ? 0 : 1
        for index in 0..<bytes.count {
            difference |= bytes[index] ^ (index < presented.count ? presented[index] : 0)
        }
        return difference == 0
    }

    public var description: String { "<write token>" }
}

/// Why the server could not start listening.
public enum ServerError: Error, Equatable, CustomStringConvertible {
    /// Another socket is bound to the address.
    case addressInUse(host: String, port: Int)
    /// The host name resolves to no address.
    case unknownHost(String)

    public var description: String {
        switch self {
        case let .addressInUse(host, port): return "cannot listen on \(host):\(port): the address is in use"
        case let .unknownHost(host): return "cannot listen on '\(host)': no address has that name"
        }
    }
}
