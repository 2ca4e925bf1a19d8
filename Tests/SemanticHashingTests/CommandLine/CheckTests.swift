import Foundation
@testable import SemanticHashing
import XCTest

/// `semhash check` finds codes and hashes that the index's model did not make.
final class CheckTests: CommandLineTestCase {
    func testCodesTheModelDoesNotMakeAreReported() throws {
        let index = try indexSamples()
        XCTAssertEqual(try run(["check", "--index", index]).status, 0)
        try rewrite(index, "UPDATE codes SET code = zeroblob(length(code)) WHERE document_id IN (SELECT document_id FROM codes LIMIT 3)")
        let check = try run(["check", "--index", index])
        XCTAssertEqual(check.status, 2, check.stdout)
        XCTAssertTrue(check.stdout.contains(": 3 of 40 sampled documents have codes the stored model does not make"), check.stdout)
    }

    func testHashesTheHashHeadDoesNotMakeAreReported() throws {
        let index = try indexSamples()
        XCTAssertEqual(try run(["check", "--index", index]).status, 0, "the default model's 64-bit hashes are its head's")
        try rewrite(index, "UPDATE codes SET hash = zeroblob(length(hash)) WHERE document_id IN (SELECT document_id FROM codes LIMIT 5)")
        let check = try run(["check", "--index", index])
        XCTAssertEqual(check.status, 2, check.stdout)
        XCTAssertTrue(check.stdout.contains(": 5 of 40 sampled documents have hashes the stored model does not make"),
                      check.stdout)
    }

    func testHashesThatAreNotTheirCodesAreReported() throws {
        let index = path("logistic.sqlite")
        let indexed = try run(["index", Self.samples, "--index", index, "--min-df", "1", "--quiet", "--code-units", "logistic"]
                              + Self.smallModel)
        XCTAssertEqual(indexed.status, 0, indexed.stderr)
        XCTAssertEqual(try run(["check", "--index", index]).status, 0)
        try rewrite(index, "UPDATE codes SET hash = zeroblob(length(hash)) WHERE document_id IN (SELECT document_id FROM codes LIMIT 5)")
        let check = try run(["check", "--index", index])
        XCTAssertEqual(check.status, 2, check.stdout)
        XCTAssertTrue(check.stdout.contains("hashes do not match their codes"), check.stdout)
    }

    func testCodesThatAreNotNumbersAreReportedEvenUnsampled() throws {
        let index = try indexSamples()
        // A NaN (0x7FC00000, little-endian) as the first number of one code.
        try rewrite(index, "UPDATE codes SET code = X'0000C07F' || substr(code, 5) WHERE document_id = (SELECT max(document_id) FROM codes)")
        let check = try run(["check", "--index", index])
        XCTAssertEqual(check.status, 2, check.stdout)
        XCTAssertTrue(check.stdout.contains(": 1 code holds a value that is not a finite number; re-encode them with `semhash train`"),
                      check.stdout)
        XCTAssertTrue(check.stdout.contains("1 of 40 sampled documents has a code the stored model does not make"), check.stdout)
    }

    func testABagWithATermOutsideTheVocabularyIsReportedNotFollowed() throws {
        let index = try indexSamples()
        // Term id 0x7FFF0000 with count 1.0, appended to one document's bag.
        try rewrite(index, "UPDATE documents SET bag = bag || X'0000FF7F' || X'0000803F' WHERE id = (SELECT min(id) FROM documents)")
        let check = try run(["check", "--index", index, "--all"])
        XCTAssertEqual(check.status, 2, check.stdout + check.stderr)
        XCTAssertTrue(check.stdout.contains("1 document has a malformed bag of words (the first, '"), check.stdout)
        XCTAssertTrue(check.stdout.contains("term id 2147418112 is outside the"), check.stdout)
        // Searches that read the bag refuse it with one line rather than reading out of bounds.
        let id = try XCTUnwrap(check.stdout.components(separatedBy: "(the first, '").last?.components(separatedBy: "'").first)
        for command in [["similar", id], ["similar", id, "--metric", "cosine"]] {
            let outcome = try run(command + ["--index", index])
            XCTAssertEqual(outcome.status, 1, "\(command): \(outcome.stderr)")
            XCTAssertTrue(outcome.stderr.hasPrefix("Error: the index \(index) is corrupt (the bag of words of document "), outcome.stderr)
            XCTAssertEqual(outcome.stderr.split(separator: "\n").count, 1, outcome.stderr)
        }
    }

    func testLabelsThatAreNotAJSONArrayAreReportedAndRefusedInOneLine() throws {
        let index = try indexSamples()
        try rewrite(index, "UPDATE documents SET labels = 'cooking, music' WHERE id = (SELECT min(id) FROM documents)")
        try rewrite(index, "UPDATE documents SET labels = '[1]' WHERE id = (SELECT max(id) FROM documents)")
        let check = try run(["check", "--index", index])
        XCTAssertEqual(check.status, 2, check.stdout + check.stderr)
        XCTAssertTrue(check.stdout.contains(": 2 documents have labels that are not a JSON array of strings (the first, '"),
                      check.stdout)
        for command in [["info"], ["topics", "--count", "2", "--quiet"]] {
            let outcome = try run(command + ["--index", index])
            XCTAssertEqual(outcome.status, 1, "\(command): \(outcome.stderr)")
            XCTAssertTrue(outcome.stderr.hasPrefix("Error: the index \(index) is corrupt (the labels of 2 documents are not "
                                                   + "a JSON array of strings; the first: '"), "\(command): \(outcome.stderr)")
            XCTAssertEqual(outcome.stderr.split(separator: "\n").count, 1, outcome.stderr)
        }
    }

    func testEveryDocumentIsReEncodedWithAll() throws {
        let index = try indexSamples()
        let check = try run(["check", "--index", index, "--all", "--json"])
        XCTAssertEqual(check.status, 0, check.stdout + check.stderr)
        XCTAssertEqual(BagOfWords(termIDs: [3, 2], counts: [1, 1]).fault(vocabularySize: 5),
                       "term ids are not in increasing order")
        XCTAssertEqual(BagOfWords(termIDs: [1, 2], counts: [1, 0]).fault(vocabularySize: 5), "term id 2 has count 0.0")
        XCTAssertNil(BagOfWords(termIDs: [0, 4], counts: [1, 2.5]).fault(vocabularySize: 5))
    }

    func testTheSampleSpreadsOverTheWholeIndex() throws {
        let index = try indexSamples()
        // Of 40 codes, a sample of 16 takes rows 0, 2, 5, …, 35, 37: the last rows are in it (a stride of 2 from
        // the first row stopped at row 30).
        try rewrite(index, "UPDATE codes SET code = zeroblob(length(code)) WHERE document_id = "
                    + "(SELECT document_id FROM codes ORDER BY document_id LIMIT 1 OFFSET 35)")
        let store = try IndexStore.open(at: index, mode: .readOnly)
        let vocabulary = try XCTUnwrap(store.loadVocabulary())
        let model = try XCTUnwrap(store.loadSemanticHashingModel(vocabulary: vocabulary))
        let codes = try XCTUnwrap(store.loadCodes())
        XCTAssertEqual(codes.ids, codes.ids.sorted(), "codes load in document order")
        let agreement = try CodeAgreement(of: codes, model: model, in: store, sampleSize: 16)
        XCTAssertEqual(agreement.sampled, 16)
        XCTAssertEqual(agreement.differingCodes, 1)
    }

    private func rewrite(_ index: String, _ sql: String) throws {
        let connection = try SQLiteConnection(path: index, access: .readWrite, busyTimeout: .seconds(1))
        try connection.execute(sql)
    }
}
