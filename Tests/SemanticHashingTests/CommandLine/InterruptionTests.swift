import Foundation
import SemanticHashing
import XCTest

/// Ctrl-C (SIGINT) and SIGTERM outside training: the command exits with 128 + the signal's number, says
/// `interrupted`, and leaves behind no file of unfinished work; what was committed stays.
final class InterruptionTests: CommandLineTestCase {
    func testCtrlCWhileANewIndexReadsItsCorpusLeavesNoIndexFile() throws {
        let pipe = try CorpusPipe(at: path("corpus.jsonl"))
        let index = path("new.sqlite")
        let process = try start(["index", pipe.path, "--format", "jsonl", "--index", index] + Self.smallModel)
        try pipe.waitForReaderAndWrite(documents: ["a", "b", "c"])
        XCTAssertTrue(FileManager.default.fileExists(atPath: index), "the index file exists while its corpus is read")
        process.send(SIGINT)
        let interrupted = try process.finish()
        pipe.close()
        XCTAssertEqual(interrupted.status, 130, interrupted.stderr)
        XCTAssertFalse(interrupted.wasKilled, "the signal is caught")
        XCTAssertTrue(interrupted.stderr.hasSuffix("\ninterrupted\n"), interrupted.stderr)
        for suffix in ["", "-wal", "-shm"] {
            XCTAssertFalse(FileManager.default.fileExists(atPath: index + suffix), "\(index + suffix) is left behind")
        }
    }

    func testSIGTERMDuringAnAddLeavesTheIndexAsItWas() throws {
        let index = try indexSamples()
        let pipe = try CorpusPipe(at: path("more.jsonl"))
        let process = try start(["add", pipe.path, "--format", "jsonl", "--index", index])
        try pipe.waitForReaderAndWrite(documents: ["new/1", "new/2"])
        process.send(SIGTERM)
        let interrupted = try process.finish()
        pipe.close()
        XCTAssertEqual(interrupted.status, 143, interrupted.stderr)
        XCTAssertFalse(interrupted.wasKilled, "the signal is caught")
        XCTAssertTrue(interrupted.stderr.hasSuffix("\ninterrupted\n"), interrupted.stderr)
        XCTAssertEqual(try run(["check", "--index", index]).stdout, "\(index): sound (40 documents, 40 codes)\n")
    }
}
