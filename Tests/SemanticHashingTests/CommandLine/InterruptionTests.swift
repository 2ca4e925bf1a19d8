import Foundation
import SemanticHashing
import XCTest

/// Ctrl-C (SIGINT) and SIGTERM: during training the first one saves a checkpoint and stops; elsewhere the
/// command exits at once with 128 + the signal's number, says `interrupted`, and leaves behind no file of
/// unfinished work; what was committed stays.
final class InterruptionTests: CommandLineTestCase {
    func testTheFirstSignalDuringTrainingSavesACheckpointAndStops() throws {
        let training = ["--min-df", "1", "--layers", "32", "--code", "8", "--pretrain-epochs", "0", "--fine-tune-epochs", "5000"]
        for signal in [SIGINT, SIGTERM] {
            let index = path("interrupted-\(signal).sqlite")
            let process = try start(["index", Self.samples, "--index", index] + training)
            let deadline = Date().addingTimeInterval(120)
            // The sample corpus has 618 terms under the English term rules (626 under the basic ones).
            while process.isRunning, Date() < deadline,
                  !process.stderrSoFar().contains("training 618-32-8 on 40 documents") {
                Thread.sleep(forTimeInterval: 0.02)
            }
            process.send(signal)
            let interrupted = try process.finish()
            XCTAssertEqual(interrupted.status, 128 + signal, interrupted.stderr)
            XCTAssertFalse(interrupted.wasKilled, "the first signal lets the training save and exit")
            XCTAssertTrue(interrupted.stderr.contains("interrupted: training stopped at fine-tuning run 1 of 2, epoch "),
                          interrupted.stderr)
            let store = try IndexStore.open(at: index, mode: .readOnly)
            XCTAssertTrue(try store.hasTrainingCheckpoint(), "the stop saves a checkpoint whatever --checkpoint-every says")
            XCTAssertEqual(try store.documentCount(), 40)
            let check = try run(["check", "--index", index])
            XCTAssertEqual(check.status, 0, check.stdout + check.stderr)
            XCTAssertTrue(check.stdout.contains("holds an interrupted training"), check.stdout)
            let ask = try run(["ask", "rockets", "--index", index])
            XCTAssertEqual(ask.stderr, "Error: \(index) has no trained model yet: its training was interrupted; "
                           + "continue it with `semhash train --index \(index) --resume`\n")
        }
    }

    /// While one process trains an index, a second training of it waits `--wait` seconds, then fails before
    /// it starts; `check` and `ask` say a training is running rather than that one was interrupted; once the
    /// first is stopped, its checkpoint is an interrupted training again.
    func testASecondTrainingOfAnIndexBeingTrainedIsRefusedAndCheckSaysOneIsRunning() throws {
        let index = path("trained.sqlite")
        let training = ["--min-df", "1", "--layers", "32", "--code", "8", "--pretrain-epochs", "0", "--fine-tune-epochs", "5000",
                        "--checkpoint-every", "0"]
        let process = try start(["index", Self.samples, "--index", index] + training)
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning, Date() < deadline,
              (try? IndexStore.open(at: index, mode: .readOnly).hasTrainingCheckpoint()) != true {
            Thread.sleep(forTimeInterval: 0.02)
        }
        let second = try run(["train", "--index", index, "--wait", "0.2"] + Self.smallModel)
        XCTAssertEqual(second.status, 1, second.stderr)
        XCTAssertEqual(second.stderr, "Error: another semhash process is training the model of \(index); run the command "
                       + "again when it has stored its model (writers wait up to --wait <seconds>)\n")
        let check = try run(["check", "--index", index])
        XCTAssertEqual(check.status, 0, check.stdout + check.stderr)
        XCTAssertTrue(check.stdout.contains("\(index): another semhash process is training its model (fine-tuning run 1 of 2, epoch "),
                      check.stdout)
        XCTAssertFalse(check.stdout.contains("interrupted"), check.stdout)
        let checked = try json(try run(["check", "--index", index, "--json"]).stdout)
        XCTAssertEqual(checked["training_in_progress"] as? Bool, true)
        XCTAssertNil(checked["interrupted_training"] as? String)
        let ask = try run(["ask", "rockets", "--index", index])
        XCTAssertTrue(ask.stderr.hasPrefix("Error: another semhash process is training the model of \(index)"), ask.stderr)
        process.send(SIGINT)
        let interrupted = try process.finish()
        XCTAssertEqual(interrupted.status, 128 + SIGINT, interrupted.stderr)
        let after = try run(["check", "--index", index])
        XCTAssertTrue(after.stdout.contains("holds an interrupted training"), after.stdout)
        let resumed = try run(["train", "--index", index, "--resume", "--fine-tune-epochs", "3"])
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertTrue(resumed.stderr.contains("note: a resumed training keeps the model settings it started with; "
                                              + "the model options given now differ from them and are not applied"),
                      resumed.stderr)
    }

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
