import Foundation
import XCTest

/// A test case that runs the built `semhash` executable as a user would, in a scratch folder of its own
/// (removed afterwards), and reads its exit status, stdout and stderr.
class CommandLineTestCase: XCTestCase {
    static let packageRoot = FixturePaths.packageRoot
    /// A 40-document corpus in four labelled folders.
    static let samples = FixturePaths.samples
    /// Model options that train in a fraction of a second.
    static let smallModel = ["--layers", "32", "--code", "8", "--pretrain-epochs", "1", "--fine-tune-epochs", "3"]

    /// What one run of the executable did.
    typealias Outcome = SemhashProcess.Outcome

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
        try SemhashProcess.run(arguments, in: directory)
    }

    /// Starts `semhash` with `arguments` without waiting for it.
    func start(_ arguments: [String]) throws -> SemhashProcess {
        try SemhashProcess.start(arguments, in: directory)
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
    static var productsDirectory: URL { SemhashProcess.productsDirectory }
}
