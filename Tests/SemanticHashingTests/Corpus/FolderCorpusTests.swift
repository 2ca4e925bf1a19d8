import Foundation
import SemanticHashing
import XCTest

final class FolderCorpusTests: XCTestCase {
    private var scratch: String?

    override func tearDownWithError() throws {
        if let scratch { try FileManager.default.removeItem(atPath: scratch) }
    }

    private func read(_ source: some DocumentSource) throws -> ([Document], CorpusReport) {
        var documents: [Document] = []
        let report = try source.forEachDocument { documents.append($0) }
        return (documents, report)
    }

    func testReadsEveryFileInByteOrderWithFolderLabels() throws {
        let root = FixturePaths.path("folder-corpus")
        let (documents, report) = try read(FolderCorpus(root: root))
        // Byte order: "space.txt" ('.') before "space/" ('/'), "Launch" before "apollo", "-" before "_".
        XCTAssertEqual(documents.map(\.id), [
            "cooking/bread.txt", "cooking/empty.txt", "cooking/latin1.txt", "music/jazz/standards.txt", "notes.txt",
            "space.txt", "space/Launch.txt", "space/apollo-11.txt", "space/apollo_12.txt",
        ])
        XCTAssertEqual(documents.map(\.labels), [
            ["cooking"], ["cooking"], ["cooking"], ["music/jazz"], [], [], ["space"], ["space"], ["space"],
        ])
        XCTAssertEqual(documents.map(\.source), documents.map { root + "/" + $0.id })
        XCTAssertEqual(report.documentCount, 9)
        XCTAssertEqual(report.binarySkippedCount, 1)
        XCTAssertEqual(report.emptyDocumentCount, 1)
        XCTAssertEqual(report.latin1DecodedCount, 1)
        XCTAssertEqual(report.warnings, ["skipped music/cover.bin: binary file"])
    }

    func testDecodesLatin1AndTitlesByFirstLine() throws {
        let (documents, _) = try read(FolderCorpus(root: FixturePaths.path("folder-corpus")))
        let byID = Dictionary(uniqueKeysWithValues: documents.map { ($0.id, $0) })
        XCTAssertEqual(byID["cooking/latin1.txt"]?.text, "Crème brûlée needs a blowtorch.\n")
        XCTAssertEqual(byID["cooking/bread.txt"]?.title, "Bread needs flour, water, salt and yeast.")
        XCTAssertEqual(byID["cooking/empty.txt"]?.text, "")
        XCTAssertEqual(byID["cooking/empty.txt"]?.title, "")
    }

    func testUsenetCleaningStripsPostsAndTitlesBySubject() throws {
        let (documents, report) = try read(FolderCorpus(root: FixturePaths.path("usenet"), cleaning: .usenet))
        XCTAssertEqual(documents.map(\.id), ["misc.forsale/70002", "sci.space/61001"])
        XCTAssertEqual(documents.map(\.labels), [["misc.forsale"], ["sci.space"]])
        XCTAssertEqual(documents.map(\.title), ["Selling a telescope mount, barely used.",
                                                "Re: Orbital mechanics for beginners"])
        XCTAssertFalse(documents[1].text.contains("Organization"))
        XCTAssertFalse(documents[1].text.contains("Per aspera"))
        XCTAssertEqual(report.documentCount, 2)
    }

    func testSkipsHiddenEntriesSymlinkLoopsAndBrokenLinks() throws {
        let root = try FixturePaths.scratchFolder()
        scratch = root
        try FixturePaths.write("visible", to: root + "/a/file.txt")
        try FixturePaths.write("hidden", to: root + "/a/.draft.txt")
        try FixturePaths.write("hidden", to: root + "/.git/config")
        let manager = FileManager.default
        try manager.createSymbolicLink(atPath: root + "/a/loop", withDestinationPath: root)
        try manager.createSymbolicLink(atPath: root + "/b", withDestinationPath: root + "/a")
        try manager.createSymbolicLink(atPath: root + "/dangling", withDestinationPath: root + "/nowhere")
        // Two links naming each other: no folder to recognise, stat itself fails with ELOOP.
        try manager.createSymbolicLink(atPath: root + "/ping", withDestinationPath: root + "/pong")
        try manager.createSymbolicLink(atPath: root + "/pong", withDestinationPath: root + "/ping")
        let (documents, report) = try read(FolderCorpus(root: root))
        // "b" links to a folder outside its own path: its files are read again under "b/".
        XCTAssertEqual(documents.map(\.id), ["a/file.txt", "b/file.txt"])
        XCTAssertEqual(documents.map(\.labels), [["a"], ["b"]])
        XCTAssertEqual(Set(report.warnings), [
            "skipped a/loop: symbolic link loop", "skipped b/loop: symbolic link loop",
            "skipped dangling: broken symbolic link", "skipped ping: symbolic link loop", "skipped pong: symbolic link loop",
        ])
        XCTAssertEqual(report.unreadableSkippedCount, 5, "every entry skipped is counted")
    }

    func testUnreadableFileIsSkippedWithAWarning() throws {
        guard getuid() != 0 else { throw XCTSkip("root can read files without permission") }
        let root = try FixturePaths.scratchFolder()
        scratch = root
        try FixturePaths.write("fine", to: root + "/ok.txt")
        try FixturePaths.write("secret", to: root + "/locked.txt")
        chmod(root + "/locked.txt", 0)
        let (documents, report) = try read(FolderCorpus(root: root))
        XCTAssertEqual(documents.map(\.id), ["ok.txt"])
        XCTAssertEqual(report.unreadableSkippedCount, 1)
        XCTAssertEqual(report.warnings.count, 1)
    }

    func testMissingRootAndFileRootAreErrors() {
        let missing = FixturePaths.path("no-such-folder")
        XCTAssertThrowsError(try FolderCorpus(root: missing).forEachDocument { _ in }) { error in
            XCTAssertEqual(error as? CorpusError, .notFound(path: missing))
        }
        let file = FixturePaths.path("folder-corpus/notes.txt")
        XCTAssertThrowsError(try FolderCorpus(root: file).forEachDocument { _ in }) { error in
            XCTAssertEqual(error as? CorpusError, .notAFolder(path: file, format: "folder"))
        }
    }

    func testErrorsFromTheCallerStopThePass() {
        struct Stop: Error {}
        var seen = 0
        XCTAssertThrowsError(try FolderCorpus(root: FixturePaths.path("folder-corpus")).forEachDocument { _ in
            seen += 1
            if seen == 2 { throw Stop() }
        }) { error in XCTAssertTrue(error is Stop) }
        XCTAssertEqual(seen, 2)
    }
}
