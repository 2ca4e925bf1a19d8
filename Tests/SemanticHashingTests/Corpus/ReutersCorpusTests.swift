import Foundation
import SemanticHashing
import XCTest

final class ReutersCorpusTests: XCTestCase {
    private var scratch: String?

    override func tearDownWithError() throws {
        if let scratch { try FileManager.default.removeItem(atPath: scratch) }
    }

    private func read(_ path: String, _ split: CorpusSplit) throws -> ([Document], CorpusReport) {
        var documents: [Document] = []
        let report = try ReutersCorpus(path: path, split: split).forEachDocument { documents.append($0) }
        return (documents, report)
    }

    func testSplitsFollowModApte() throws {
        let folder = FixturePaths.path("reuters")
        XCTAssertEqual(try read(folder, .train).0.map(\.id), ["1", "8"])
        XCTAssertEqual(try read(folder, .test).0.map(\.id), ["4", "6"])
        XCTAssertEqual(try read(folder, .all).0.map(\.id), ["1", "2", "3", "4", "5", "6", "7", "8"])
    }

    func testRecordFieldsAreDecoded() throws {
        let folder = FixturePaths.path("reuters")
        let (documents, report) = try read(folder, .all)
        let byID = Dictionary(uniqueKeysWithValues: documents.map { ($0.id, $0) })
        XCTAssertEqual(byID["1"], Document(
            id: "1", title: "WHEAT & CORN EXPORTS RISE", titleIsSeparateField: true,
            text: "Exports of wheat <and> corn rose\nlast week, traders said.",
            labels: ["grain", "wheat"], source: folder + "/reut2-000.sgm#1"))
        XCTAssertEqual(byID["2"]?.text, "Markets were quiet.")
        XCTAssertEqual(byID["2"]?.labels, [])
        XCTAssertEqual(byID["4"]?.text, "The café chain reported higher profits.")
        XCTAssertEqual(byID["6"]?.title, "DOLLAR FALLS SHARPLY")
        XCTAssertEqual(byID["6"]?.text, "")
        XCTAssertEqual(byID["7"]?.text, "WEEKLY RESERVES REPORT\n Net free reserves....644 vs....1,337")
        XCTAssertEqual(byID["8"]?.text, "Producers agreed to cut oil output & exports.")
        XCTAssertEqual(byID["8"]?.source, folder + "/reut2-001.sgm#8")
        XCTAssertEqual(report.documentCount, 8)
        XCTAssertEqual(report.latin1DecodedCount, 1)
        XCTAssertEqual(report.emptyDocumentCount, 1)
    }

    func testReadsASingleFile() throws {
        let file = FixturePaths.path("reuters/reut2-001.sgm")
        XCTAssertEqual(try read(file, .all).0.map(\.source), [file + "#8"])
    }

    private func malformation(_ sgml: String) throws -> CorpusError? {
        let folder = try FixturePaths.scratchFolder()
        scratch = folder
        try FixturePaths.write(sgml, to: folder + "/reut2-000.sgm")
        defer {
            try? FileManager.default.removeItem(atPath: folder)
            scratch = nil
        }
        do {
            _ = try read(folder, .all)
        } catch let error as CorpusError {
            return error
        }
        return nil
    }

    func testBrokenRecordsAreReportedWithFileAndLine() throws {
        let record = "<REUTERS NEWID=\"1\">\n<TEXT><BODY>x</BODY></TEXT>\n</REUTERS>\n"
        let unclosed = "<!DOCTYPE lewis>\n<REUTERS NEWID=\"1\">\n<TEXT><BODY>x</BODY></TEXT>\n\n" + record
        guard case let .malformedSGML(path, line, reason) = try malformation(unclosed) else {
            return XCTFail("an unclosed record must be an error")
        }
        XCTAssertTrue(path.hasSuffix("/reut2-000.sgm"))
        XCTAssertEqual(line, 2)
        XCTAssertTrue(reason.contains("line 5"), reason)

        guard case let .malformedSGML(_, endLine, _) = try malformation(record + "<REUTERS NEWID=\"2\">\n<TEXT>\n")
        else { return XCTFail("a record cut off by the end of the file must be an error") }
        XCTAssertEqual(endLine, 4)

        guard case let .malformedSGML(_, _, noID) = try malformation("<REUTERS OLDID=\"5\">\n</REUTERS>\n") else {
            return XCTFail("a record without NEWID must be an error")
        }
        XCTAssertTrue(noID.contains("NEWID"), noID)

        guard case let .malformedSGML(_, _, unclosedBody) =
            try malformation("<REUTERS NEWID=\"1\">\n<TEXT><BODY>x</TEXT>\n</REUTERS>\n")
        else { return XCTFail("an unclosed BODY must be an error") }
        XCTAssertTrue(unclosedBody.contains("</BODY>"), unclosedBody)

        guard case let .malformedSGML(_, strayLine, _) = try malformation(record + "</REUTERS>\n") else {
            return XCTFail("a stray </REUTERS> must be an error")
        }
        XCTAssertEqual(strayLine, 4)
    }

    func testFolderWithoutSGMLFiles() throws {
        let folder = FixturePaths.path("jsonl")
        XCTAssertThrowsError(try read(folder, .all)) { error in
            XCTAssertEqual(error as? CorpusError, .noReutersFiles(path: folder))
        }
    }

    /// The ModApte counts on the real collection, when `Scripts/fetch-corpora.sh` has unpacked it and
    /// SEMHASH_REAL_CORPORA=1 asks for it (two passes take about 20 s in a debug build).
    func testModApteCountsOnTheRealCollection() throws {
        guard ProcessInfo.processInfo.environment["SEMHASH_REAL_CORPORA"] == "1" else {
            throw XCTSkip("set SEMHASH_REAL_CORPORA=1 to check the real Reuters-21578 collection")
        }
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let folder = packageRoot.appendingPathComponent("Corpora/data/reuters21578").path
        guard FileManager.default.fileExists(atPath: folder + "/reut2-000.sgm") else {
            throw XCTSkip("Reuters-21578 is not unpacked in Corpora/data (run Scripts/fetch-corpora.sh)")
        }
        // LEWISSPLIT + TOPICS="YES" + at least one topic: the usual 7,775 / 3,019 ModApte documents.
        XCTAssertEqual(try ReutersCorpus(path: folder, split: .train).forEachDocument { _ in }.documentCount, 7775)
        XCTAssertEqual(try ReutersCorpus(path: folder, split: .test).forEachDocument { _ in }.documentCount, 3019)
    }
}
