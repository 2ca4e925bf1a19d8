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

    private func rewrite(_ index: String, _ sql: String) throws {
        let connection = try SQLiteConnection(path: index, access: .readWrite, busyTimeout: .seconds(1))
        try connection.execute(sql)
    }
}
