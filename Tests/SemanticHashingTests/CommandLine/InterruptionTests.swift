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
        try process.interrupt(with: SIGINT)
        for suffix in ["", "-wal", "-shm"] {
            XCTAssertFalse(FileManager.default.fileExists(atPath: index + suffix), "\(index + suffix) is left behind")
        }
    }

    func testSIGTERMDuringAnAddLeavesTheIndexAsItWas() throws {
        let index = try indexSamples()
        let pipe = try CorpusPipe(at: path("more.jsonl"))
        let process = try start(["add", pipe.path, "--format", "jsonl", "--index", index])
        try pipe.waitForReaderAndWrite(documents: ["new/1", "new/2"])
        try process.interrupt(with: SIGTERM)
        XCTAssertEqual(try run(["check", "--index", index]).stdout, "\(index): sound (40 documents, 40 codes)\n")
    }
}
