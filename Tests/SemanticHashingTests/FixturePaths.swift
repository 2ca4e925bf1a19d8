import Foundation
import SemanticHashing

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

    /// A new index at `path` of the samples corpus (a 400-word vocabulary, every word kept), trained with a
    /// small model (one hidden layer of 32, an 8-unit code, one thread) that `configure` may change further.
    static func trainedSamplesIndex(at path: String, configure: (inout ModelConfiguration) -> Void) throws -> IndexStore {
        let store = try IndexStore.create(at: path)
        _ = try CorpusIngestion(vocabulary: VocabularyConfiguration(size: 400, minimumDocumentFrequency: 1))
            .ingest(FolderCorpus(root: samples), into: store, describing: "samples")
        var configuration = ModelConfiguration(hiddenLayers: [32], codeSize: 8, threads: 1)
        configure(&configuration)
        _ = try IndexTraining(configuration: configuration).run(in: store)
        return store
    }

    /// Writes `bytes` to `path`, creating missing folders.
    static func write(_ bytes: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    static func write(_ text: String, to path: String) throws { try write(Array(text.utf8), to: path) }
}
