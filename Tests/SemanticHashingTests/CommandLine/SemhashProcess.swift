import Foundation
import XCTest

/// The built `semhash` executable run as a separate process, as a user in another terminal would run it.
/// Output goes to files, so a process that writes a lot never blocks on a full pipe while it runs alone.
struct SemhashProcess {
    /// How a finished process ended.
    struct Outcome {
        /// The exit status, or the signal's number when a signal ended the process.
        var status: Int32
        var stdout: String
        var stderr: String
        /// Whether a signal ended the process (rather than its own exit).
        var wasKilled = false
    }

    private let process: Process
    private let stdoutURL: URL
    private let stderrURL: URL

    /// Starts `semhash arguments` in `directory` without waiting for it, with `environment` added to this
    /// process's. Copies of PostgreSQL stores are kept in `directory`'s `cache` folder (`SEMHASH_CACHE`),
    /// not in the user's, and temporary files in its `tmp` folder (`TMPDIR`), so that what a killed process
    /// leaves behind goes with the scratch folder.
    static func start(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws
        -> SemhashProcess
    {
        let executable = productsDirectory.appendingPathComponent("semhash")
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw XCTSkip("semhash is not built beside the tests at \(executable.path); run `swift build` first")
        }
        let name = UUID().uuidString
        let stdoutURL = directory.appendingPathComponent("\(name).out")
        let stderrURL = directory.appendingPathComponent("\(name).err")
        try Data().write(to: stdoutURL)
        try Data().write(to: stderrURL)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let temporary = directory.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        process.environment = ProcessInfo.processInfo.environment
            .merging(["SEMHASH_CACHE": directory.appendingPathComponent("cache").path, "TMPDIR": temporary.path]) { $1 }
            .merging(environment) { $1 }
        process.currentDirectoryURL = directory
        process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        try process.run()
        return SemhashProcess(process: process, stdoutURL: stdoutURL, stderrURL: stderrURL)
    }

    /// Runs `semhash arguments` in `directory` to its end, with `environment` added to this process's.
    static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> Outcome {
        try start(arguments, in: directory, environment: environment).finish()
    }

    var isRunning: Bool { process.isRunning }

    /// What the process has written to stderr so far.
    func stderrSoFar() -> String {
        String(decoding: (try? Data(contentsOf: stderrURL)) ?? Data(), as: UTF8.self)
    }

    /// Sends `signal` (SIGINT, SIGKILL, …) to the process.
    func send(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Sends `signal` (SIGINT or SIGTERM) and waits for the process to end, checking that it ended as an
    /// interrupted command does: the signal caught, exit status 128 + its number, `interrupted` last on stderr.
    func interrupt(with signal: Int32, file: StaticString = #filePath, line: UInt = #line) throws {
        send(signal)
        let outcome = try finish()
        XCTAssertFalse(outcome.wasKilled, "the signal is caught", file: file, line: line)
        XCTAssertEqual(outcome.status, 128 + signal, outcome.stderr, file: file, line: line)
        XCTAssertTrue(outcome.stderr.hasSuffix("\ninterrupted\n"), outcome.stderr, file: file, line: line)
    }

    /// Waits for the process to end and returns its status and output.
    func finish() throws -> Outcome {
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus,
                       stdout: String(decoding: try Data(contentsOf: stdoutURL), as: UTF8.self),
                       stderr: String(decoding: try Data(contentsOf: stderrURL), as: UTF8.self),
                       wasKilled: process.terminationReason == .uncaughtSignal)
    }

    /// The folder holding the test bundle and the package's executables.
    static var productsDirectory: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    }
}
