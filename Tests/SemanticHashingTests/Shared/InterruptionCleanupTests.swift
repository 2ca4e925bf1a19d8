import Foundation
@testable import SemanticHashing
import XCTest

/// The removals an interrupted process still does: each registered one runs once, the latest first, and
/// withdrawn ones not at all.
final class InterruptionCleanupTests: XCTestCase {
    private final class Log: @unchecked Sendable {
        private let lock = NSLock()
        private var entries: [String] = []
        func add(_ entry: String) { lock.withLock { entries.append(entry) } }
        var all: [String] { lock.withLock { entries } }
    }

    func testRunAllRunsTheRegisteredRemovalsOnceLatestFirst() {
        let log = Log()
        let outer = InterruptionCleanup.register { log.add("outer") }
        let withdrawn = InterruptionCleanup.register { log.add("withdrawn") }
        let inner = InterruptionCleanup.register { log.add("inner") }
        InterruptionCleanup.unregister(withdrawn)
        InterruptionCleanup.runAll()
        XCTAssertEqual(log.all, ["inner", "outer"])
        InterruptionCleanup.runAll()
        XCTAssertEqual(log.all, ["inner", "outer"], "a removal runs once")
        InterruptionCleanup.unregister(outer)
        InterruptionCleanup.unregister(inner)
    }

    func testWhileRunningWithdrawsItsRemovalWhenTheWorkEndsOrFails() async {
        let log = Log()
        let value = await InterruptionCleanup.whileRunning({ log.add("finished") }) { 7 }
        XCTAssertEqual(value, 7)
        struct Failure: Error {}
        do {
            try await InterruptionCleanup.whileRunning({ log.add("failed") }) { throw Failure() }
            XCTFail("the work's error is thrown")
        } catch {
            XCTAssertTrue(error is Failure)
        }
        InterruptionCleanup.runAll()
        XCTAssertEqual(log.all, [])
        await InterruptionCleanup.whileRunning({ log.add("running") }) { InterruptionCleanup.runAll() }
        XCTAssertEqual(log.all, ["running"], "an interruption while the work runs does its removal")
    }

    func testATemporaryFolderGoesWithAnInterruptionUntilItIsRemoved() throws {
        let first = try TemporaryFolder(prefix: "semhash-cleanup-test")
        try Data("x".utf8).write(to: first.url.appendingPathComponent("index.sqlite"))
        InterruptionCleanup.runAll()
        XCTAssertFalse(FileManager.default.fileExists(atPath: first.url.path), "an interruption removes it")

        let second = try TemporaryFolder(prefix: "semhash-cleanup-test")
        XCTAssertTrue(second.url.lastPathComponent.hasPrefix("semhash-cleanup-test-"))
        second.remove()
        XCTAssertFalse(FileManager.default.fileExists(atPath: second.url.path))
        try FileManager.default.createDirectory(at: second.url, withIntermediateDirectories: false)
        InterruptionCleanup.runAll()
        XCTAssertTrue(FileManager.default.fileExists(atPath: second.url.path),
                      "a removed folder's registration is withdrawn: a new folder at its place stays")
        try FileManager.default.removeItem(at: second.url)
    }

    func testANewTemporaryFolderSweepsTheFoldersOfEndedProcessesOnly() throws {
        let prefix = "semhash-sweep-test-\(UUID().uuidString.prefix(8))"
        let parent = FileManager.default.temporaryDirectory
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        func folder(_ name: String) -> URL { parent.appendingPathComponent(name, isDirectory: true) }
        let killed = folder("\(prefix)-\(ended.processIdentifier)-\(UUID().uuidString)")
        let running = folder("\(prefix)-\(getpid())-\(UUID().uuidString)")
        let unlike = [folder("\(prefix)-\(UUID().uuidString)"), folder("\(prefix)-\(ended.processIdentifier)-notes"),
                      folder("\(prefix)-x\(ended.processIdentifier)-\(UUID().uuidString)")]
        for made in [killed, running] + unlike {
            try FileManager.default.createDirectory(at: made, withIntermediateDirectories: false)
            try Data("x".utf8).write(to: made.appendingPathComponent("index.sqlite"))
        }
        let aFile = folder("\(prefix)-\(ended.processIdentifier)-\(UUID().uuidString)")
        try Data("a file, not a folder".utf8).write(to: aFile)
        defer { for made in [running, aFile] + unlike { try? FileManager.default.removeItem(at: made) } }

        let new = try TemporaryFolder(prefix: prefix)
        defer { new.remove() }
        XCTAssertEqual(TemporaryFolder.processID(inFolderName: new.url.lastPathComponent, prefix: prefix), getpid())
        XCTAssertFalse(FileManager.default.fileExists(atPath: killed.path), "the ended process's folder is swept")
        for kept in [running, aFile] + unlike {
            XCTAssertTrue(FileManager.default.fileExists(atPath: kept.path), "\(kept.lastPathComponent) stays")
        }
    }
}
