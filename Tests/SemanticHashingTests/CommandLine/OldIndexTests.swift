import Foundation
import SemanticHashing
import XCTest

/// Indexes written by earlier builds keep working: every command reads the committed old index files of
/// `Fixtures/indexes`, and the commands that write upgrade them in place and leave them sound.
final class OldIndexTests: CommandLineTestCase {
    /// Every index format semhash has written, oldest first.
    private static let formats = ["format-1", "format-2"]

    /// A scratch copy of the old index `name`.
    private func copyOfOldIndex(_ name: String) throws -> String {
        let fixture = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
            .appendingPathComponent("indexes/\(name).sqlite")
        let copy = path("\(name).sqlite")
        try FileManager.default.copyItem(atPath: fixture.path, toPath: copy)
        return copy
    }

    func testEveryCommandReadsAnOldIndex() throws {
        for format in Self.formats {
            let index = try copyOfOldIndex(format)
            let info = try json(try run(["info", "--index", index, "--json"]).stdout)
            XCTAssertEqual(info["documents"] as? Int, 40, format)
            let text = try XCTUnwrap((info["settings"] as? [String: Any])?["text_configuration"] as? [String: Any], format)
            XCTAssertEqual(text["term_rules"] as? String, format == "format-1" ? "basic" : "english",
                           "\(format): the term rules its questions are tokenized with, stored or not")
            let readers: [[String]] = [
                ["info"], ["check"], ["ask", "rocket launch into orbit", "-k", "3"],
                ["ask", "bread oven", "--metric", "hamming"], ["ask", "chord record", "--metric", "cascade"],
                ["ask", "memory program", "--metric", "cosine"], ["similar", "space/" + firstFile(in: "space")],
                ["topics", "show", "0"], ["eval", "--queries", Self.samples, "--quiet"],
            ]
            for command in readers {
                let outcome = try run(command + ["--index", index])
                XCTAssertEqual(outcome.status, 0, "\(format): \(command): \(outcome.stderr)")
                XCTAssertFalse(outcome.stdout.isEmpty, "\(format): \(command) prints its answer")
            }
            let asked = try json(try run(["ask", "rocket launch into orbit", "--index", index, "--json"]).stdout)
            let hits = try XCTUnwrap(asked["hits"] as? [[String: Any]])
            XCTAssertEqual(hits.first?["labels"] as? [String], ["space"], "\(format): the old model still answers")
        }
    }

    func testCommandsThatWriteUpgradeAnOldIndexAndLeaveItSound() throws {
        for format in Self.formats {
            let index = try copyOfOldIndex(format)
            let writers: [[String]] = [
                ["add", Self.samples + "/cooking", "--quiet"], ["remove", "music/" + firstFile(in: "music")],
                ["topics", "--count", "3", "--quiet"], ["index", Self.samples, "--quiet"],
                ["train", "--quiet"] + Self.smallModel,
            ]
            for command in writers {
                let outcome = try run(command + ["--index", index])
                XCTAssertEqual(outcome.status, 0, "\(format): \(command): \(outcome.stderr)")
                let check = try run(["check", "--index", index])
                XCTAssertEqual(check.status, 0, "\(format) after \(command): \(check.stdout)")
                let info = try json(try run(["info", "--index", index, "--json"]).stdout)
                XCTAssertEqual(info["format_version"] as? Int, IndexFormat.currentVersion, "\(format): \(command) upgrades the file")
            }
        }
    }

    /// The first file name (sorted) in a folder of the sample corpus.
    private func firstFile(in folder: String) -> String {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Self.samples + "/" + folder)) ?? []
        return names.sorted().first ?? ""
    }
}
