import Foundation
import XCTest

/// A test case that runs the built `semhash` executable as a user would, in a scratch folder of its own
/// (removed afterwards), and reads its exit status, stdout and stderr.
class CommandLineTestCase: XCTestCase {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// A 40-document corpus in four labelled folders.
    static let samples = packageRoot.appendingPathComponent("Corpora/samples").path
    /// Model options that train in a fraction of a second.
    static let smallModel = ["--layers", "32", "--code", "8", "--pretrain-epochs", "1", "--fine-tune-epochs", "3"]

    /// What one run of the executable did.
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The scratch folder, also the working directory of every run.
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("semhash-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    /// The path of `name` in the scratch folder.
    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// Runs `semhash` with `arguments` and waits for it to exit.
    func run(_ arguments: [String]) throws -> Outcome {
        let output = Pipe()
        let errors = Pipe()
        let process = try start(arguments, output: output, errors: errors)
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                       stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Starts semhash with `arguments` in the test's folder, its output going to the pipes (or nowhere).
    func start(_ arguments: [String], output: Pipe? = nil, errors: Pipe? = nil) throws -> Process {
        let executable = Self.productsDirectory.appendingPathComponent("semhash")
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw XCTSkip("semhash is not built beside the tests at \(executable.path); run `swift build` first")
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = output ?? FileHandle.nullDevice
        process.standardError = errors ?? FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Indexes the sample corpus into `name` in the scratch folder with the small model; returns its path.
    func indexSamples(into name: String = "samples.sqlite") throws -> String {
        let index = path(name)
        let indexed = try run(["index", Self.samples, "--index", index, "--min-df", "1", "--quiet"] + Self.smallModel)
        XCTAssertEqual(indexed.status, 0, indexed.stderr)
        return index
    }

    func json(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], text)
    }

    /// The folder holding the test bundle and the package's executables.
    static var productsDirectory: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    }
}
