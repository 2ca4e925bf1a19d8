import Foundation
@testable import SemanticHashing
import XCTest

/// Several `semhash` processes on one index file: readers (`ask`, `similar`, `eval`, `info`, `check`) work
/// while another process writes and answer from the last commit, and a second writer waits `--wait` seconds
/// for the first, then fails with the one-line busy error. Assertions are about behaviour, with only
/// generous time bounds: the machine running the tests may be busy.
final class ConcurrencyTests: CommandLineTestCase {
    private static let question = "rockets launch into orbit"

    private var index: String!

    override func setUpWithError() throws {
        try super.setUpWithError()
        index = try indexSamples()
    }

    func testReadersWorkWhileAnotherProcessAddsManyDocuments() throws {
        let bulk = try writeBulkCorpus(documents: 1000)
        let answerBefore = try hitIDs(of: run(ask()))
        let writer = try start(["add", bulk, "--index", index, "--quiet"])
        var counts: [Int] = []
        var answers: [[String]] = []
        var evaluated = false
        repeat {
            answers.append(try hitIDs(of: run(ask())))
            counts.append(try documentCount())
            if !evaluated {
                let evaluation = try run(evaluate())
                XCTAssertEqual(evaluation.status, 0, evaluation.stderr)
                evaluated = true
            }
        } while writer.isRunning
        let added = try writer.finish()
        XCTAssertEqual(added.status, 0, added.stderr)
        let answerAfter = try hitIDs(of: run(ask()))
        XCTAssertEqual(try documentCount(), 1040)
        XCTAssertTrue(counts.allSatisfy { $0 == 40 || $0 == 1040 }, "every read sees the whole add or none of it: \(counts)")
        for answer in answers {
            XCTAssertTrue(answer == answerBefore || answer == answerAfter, "\(answer) is neither \(answerBefore) nor \(answerAfter)")
        }
        try assertSound()
    }

    func testReadersSeeTheLastCommitWhileAWriteIsOpenAndASecondWriterWaitsForIt() throws {
        let answerBefore = try hitIDs(of: run(ask()))
        let evaluationBefore = try json(run(evaluate()))["map"] as? Double
        let store = try IndexStore.open(at: index, mode: .readWrite)
        let patient = try store.write { () throws -> SemhashProcess in
            XCTAssertEqual(try store.removeDocuments(externalIDs: ["space/launch-window.txt"]), ["space/launch-window.txt"])
            XCTAssertEqual(try documentCount(), 40, "readers see the last commit, not the open write")
            XCTAssertEqual(try hitIDs(of: run(ask())), answerBefore)
            XCTAssertEqual(try json(run(evaluate()))["map"] as? Double, evaluationBefore)

            let started = Date()
            let refused = try run(["remove", "cooking/pancakes.txt", "--index", index, "--wait", "1"])
            let waited = Date().timeIntervalSince(started)
            XCTAssertNotEqual(refused.status, 0)
            XCTAssertTrue(refused.stderr.contains("is busy: another semhash process is writing to it"), refused.stderr)
            XCTAssertEqual(refused.stderr.split(separator: "\n").count, 1, "one line: \(refused.stderr)")
            XCTAssertGreaterThanOrEqual(waited, 0.9, "the second writer waited --wait seconds")
            XCTAssertLessThan(waited, 60)
            let topics = try run(["topics", "--index", index, "--count", "2", "--wait", "1"])
            XCTAssertNotEqual(topics.status, 0)
            XCTAssertTrue(topics.stderr.contains("is busy: another semhash process is writing to it"), topics.stderr)
            XCTAssertFalse(topics.stderr.contains("clustering"), "said before clustering: \(topics.stderr)")

            let patient = try start(["remove", "music/drum-rhythm.txt", "--index", index, "--wait", "120"])
            Thread.sleep(forTimeInterval: 0.5)
            XCTAssertTrue(patient.isRunning, "a writer with a long --wait waits for the lock")
            return patient
        }
        let removed = try patient.finish()
        XCTAssertEqual(removed.status, 0, removed.stderr)
        XCTAssertEqual(try documentCount(), 38)
        try assertSound()
    }

    func testReadersAnswerFromOneSnapshotWhileDocumentsComeAndGo() throws {
        let questions = directory.appendingPathComponent("questions.txt")
        try Data(String(repeating: Self.question + "\n", count: 300).utf8).write(to: questions)
        let toggler = DocumentToggler(path: index, prefix: "space/")
        var problems: [String] = []
        for round in 0..<3 {
            let asked = try run(["ask", "--questions", questions.path, "--index", index, "-k", "12", "--json"])
            let answers = try XCTUnwrap(try json(asked)["answers"] as? [[String: Any]])
            let hits = answers.map { $0["hits"] as? [[String: Any]] ?? [] }
            let incomplete = hits.filter { $0.count != 12 || $0.contains { ($0["title"] as? String ?? "").isEmpty } }
            if !incomplete.isEmpty { problems.append("ask round \(round): \(incomplete.count) of 300 answers lack documents") }
            if Set(hits.map { $0.compactMap { $0["id"] as? String } }).count != 1 {
                problems.append("ask round \(round): the same question got different answers in one run")
            }
            let similar = try run(["similar", "computing/cache-memory.txt", "--index", index, "-k", "12", "--json"])
            let similarHits = try XCTUnwrap(try json(similar)["hits"] as? [[String: Any]])
            if similarHits.count != 12 || similarHits.contains(where: { ($0["title"] as? String ?? "").isEmpty }) {
                problems.append("similar round \(round): hits lack documents")
            }
            let check = try run(["check", "--index", index])
            if check.status != 0 { problems.append("check round \(round): \(check.stdout)\(check.stderr)") }
        }
        try toggler.stop()
        XCTAssertGreaterThan(toggler.toggleCount, 0)
        XCTAssertEqual(problems, [])
        try assertSound()
    }

    func testReadersLeaveNoWriteAheadLogFilesAndKeepThoseOfAnIndexStillOpen() throws {
        func logFiles() -> [String] { ["-wal", "-shm"].filter { FileManager.default.fileExists(atPath: index + $0) } }
        XCTAssertEqual(logFiles(), [], "indexing closed the file last")
        let commands: [[String]] = [["topics", "--count", "2", "--quiet", "--index", index], ask(), evaluate(),
                                    ["info", "--index", index], ["check", "--index", index],
                                    ["similar", "space/launch-window.txt", "--index", index],
                                    ["topics", "show", "0", "--index", index]]
        for command in commands {
            let outcome = try run(command)
            XCTAssertEqual(outcome.status, 0, "\(command): \(outcome.stderr)")
            XCTAssertEqual(logFiles(), [], "\(command.prefix(2)) closed the file last")
        }
        do {
            // An open reader, as `semhash serve` holds the index, sees what other processes commit meanwhile.
            let held = try IndexStore.open(at: index, mode: .readOnly)
            let version = try held.dataVersion()
            XCTAssertEqual(try run(ask()).status, 0)
            XCTAssertEqual(logFiles(), ["-wal", "-shm"], "a reader leaves the files of an index still open")
            let removed = try run(["remove", "cooking/pancakes.txt", "--index", index])
            XCTAssertEqual(removed.status, 0, removed.stderr)
            XCTAssertEqual(logFiles(), ["-wal", "-shm"], "so does a writer")
            XCTAssertNotEqual(try held.dataVersion(), version)
            XCTAssertEqual(try held.documentCount(), 39)
        }
        XCTAssertEqual(logFiles(), [], "the held reader closed the file last")
        try assertSound()
    }

    // MARK: Helpers

    private func ask(k: Int = 5) -> [String] {
        ["ask", Self.question, "--index", index, "-k", String(k), "--json"]
    }

    private func evaluate() -> [String] {
        ["eval", "--index", index, "--queries", Self.samples, "--metric", "euclidean", "--json", "--quiet"]
    }

    private func json(_ outcome: Outcome) throws -> [String: Any] {
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any],
                             outcome.stdout + outcome.stderr)
    }

    private func hitIDs(of outcome: Outcome) throws -> [String] {
        try XCTUnwrap(try json(outcome)["hits"] as? [[String: Any]]).compactMap { $0["id"] as? String }
    }

    private func documentCount() throws -> Int {
        try XCTUnwrap(try json(run(["info", "--index", index, "--json"]))["documents"] as? Int)
    }

    private func assertSound(file: StaticString = #filePath, line: UInt = #line) throws {
        let check = try run(["check", "--index", index])
        XCTAssertEqual(check.status, 0, check.stdout + check.stderr, file: file, line: line)
    }

    /// A folder corpus of `documents` short texts in the samples' four labels, for a long-running `add`.
    private func writeBulkCorpus(documents: Int) throws -> String {
        let words = ["space": "rockets orbit launch satellites moon planet telescope",
                     "cooking": "bread oven flour butter sauce recipe onions",
                     "music": "guitar piano melody chords rhythm concert choir",
                     "computing": "compiler memory cache threads database programs tests"]
        let root = directory.appendingPathComponent("bulk")
        for (number, (label, vocabulary)) in zip(0..<documents, Array(words).cycled()) {
            let folder = root.appendingPathComponent(label)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let text = "Bulk note \(number)\n\n" + String(repeating: vocabulary + " ", count: 1 + number % 5)
            try Data(text.utf8).write(to: folder.appendingPathComponent("bulk-\(number).txt"))
        }
        return root.path
    }
}

private extension Array {
    /// The elements repeated without end.
    func cycled() -> UnfoldSequence<Element, Int> {
        sequence(state: 0) { position in
            defer { position = (position + 1) % count }
            return self[position]
        }
    }
}
