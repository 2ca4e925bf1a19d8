import Foundation

/// Paths of the files in Fixtures/ and scratch folders for tests that build their own files.
enum FixturePaths {
    /// The package's root folder (this file is Tests/SemanticHashingTests/FixturePaths.swift).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// A 40-document corpus in four labelled folders (`Corpora/samples`).
    static let samples = packageRoot.appendingPathComponent("Corpora/samples").path

    /// The absolute path of `relative` inside the test bundle's Fixtures folder.
    static func path(_ relative: String) -> String {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent(relative).path
    }

    /// A new empty folder under the system's temporary folder; the caller removes it.
    static func scratchFolder() throws -> String {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("semhash-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    /// Writes `bytes` to `path`, creating missing folders.
    static func write(_ bytes: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    static func write(_ text: String, to path: String) throws { try write(Array(text.utf8), to: path) }
}
