import Foundation
import Hummingbird
import HummingbirdTesting
import SemanticHashing
import SemanticHashingServer
import Synchronization
import XCTest

/// A test case with a small index of the sample corpus (built once by the `semhash` executable, with
/// topics) copied into a scratch folder of its own, and helpers to serve it and to run the command line
/// beside the server. `@unchecked Sendable` so that HummingbirdTesting's `@Sendable` test closures can call its
/// helpers; a test's properties are set in `setUp` and only read while it runs.
class ServerTestCase: XCTestCase, @unchecked Sendable {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// Model options that train in a fraction of a second.
    static let smallModel = ["--layers", "32", "--code", "8", "--pretrain-epochs", "1", "--fine-tune-epochs", "3"]
    private static let sampleIndex = Mutex<String?>(nil)

    var directory: URL!
    /// This test's copy of the sample index.
    var indexPath: String!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("semhash-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        indexPath = directory.appendingPathComponent("samples.sqlite").path
        try FileManager.default.copyItem(atPath: try Self.builtSampleIndex(), toPath: indexPath)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    /// The sample corpus indexed (40 documents, 4 labelled folders) with 4 topics, built on first use in a folder
    /// of this process's, which is removed when the process exits.
    static func builtSampleIndex() throws -> String {
        try sampleIndex.withLock { built in
            if let built { return built }
            let folder = fixtureFolder()
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            atexit { try? FileManager.default.removeItem(at: ServerTestCase.fixtureFolder()) }
            let path = folder.appendingPathComponent("samples.sqlite").path
            let samples = packageRoot.appendingPathComponent("Corpora/samples").path
            let indexed = try runSemhash(["index", samples, "--index", path, "--min-df", "1", "--quiet"] + smallModel)
            XCTAssertEqual(indexed.status, 0, indexed.stderr)
            let topics = try runSemhash(["topics", "--index", path, "--count", "4", "--quiet"])
            XCTAssertEqual(topics.status, 0, topics.stderr)
            built = path
            return path
        }
    }

    /// The folder of this process's sample index.
    private static func fixtureFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("semhash-serve-fixture-\(getpid())")
    }

    /// The server's application over this test's index.
    func application(writeToken: String? = nil, log: (@Sendable (String) -> Void)? = nil,
                     maximumBodyBytes: Int = 8 << 20,
                     reloadInterval: Duration = .milliseconds(50)) throws -> some ApplicationProtocol {
        var configuration = ServerConfiguration(indexPath: indexPath, port: 0, requestLog: log)
        configuration.writeToken = writeToken.flatMap(WriteToken.init)
        configuration.maximumBodyBytes = maximumBodyBytes
        configuration.reloadInterval = reloadInterval
        return SemanticHashServer.application(index: try ServedIndex(path: indexPath), configuration: configuration)
    }

    /// The JSON object of a response body.
    func json(_ response: TestResponse, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        try json(String(buffer: response.body), file: file, line: line)
    }

    func json(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], text, file: file, line: line)
    }

    /// The `error` of a JSON error response, checking its status.
    func error(_ response: TestResponse, _ status: HTTPResponse.Status, file: StaticString = #filePath,
               line: UInt = #line) throws -> String {
        XCTAssertEqual(response.status, status, String(buffer: response.body), file: file, line: line)
        XCTAssertEqual(response.headers[.contentType], "application/json; charset=utf-8", file: file, line: line)
        return try XCTUnwrap(try json(response, file: file, line: line)["error"] as? String, file: file, line: line)
    }

    // MARK: The command line

    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The built `semhash` executable, beside the test bundle.
    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("semhash")
    }

    /// Runs `semhash arguments` to its end, with `environment` added to this process's.
    static func runSemhash(_ arguments: [String], environment: [String: String] = [:]) throws -> Outcome {
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw XCTSkip("semhash is not built beside the tests at \(executable.path); run `swift build` first")
        }
        let process = try start(arguments, stdout: Pipe(), stderr: Pipe(), environment: environment)
        let output = (process.standardOutput as! Pipe).fileHandleForReading.readDataToEndOfFile()
        let errors = (process.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self),
                       stderr: String(decoding: errors, as: UTF8.self))
    }

    func runSemhash(_ arguments: [String], environment: [String: String] = [:]) throws -> Outcome {
        try Self.runSemhash(arguments, environment: environment)
    }

    /// Starts `semhash arguments` without waiting, with `environment` added to this process's.
    static func start(_ arguments: [String], stdout: Any, stderr: Any, environment: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        return process
    }
}
