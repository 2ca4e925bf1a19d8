import SemanticHashing
import XCTest

final class TextCleaningTests: XCTestCase {
    func testNoCleaningKeepsTextAndTitlesByFirstLine() {
        let raw = "\n   \n  First real line  \nSecond line"
        XCTAssertEqual(TextCleaning.none.apply(to: raw), CleanedText(text: raw, title: "First real line"))
    }

    func testUsenetCleaningTitlesBySubjectElseFirstCleanedLine() {
        let withSubject = "Subject: Telescopes\nFrom: x\n\nBody line\n"
        XCTAssertEqual(TextCleaning.usenet.apply(to: withSubject), CleanedText(text: "Body line\n", title: "Telescopes"))
        let withoutSubject = "From: x\n\n\nSelling a mount\nCheap\n"
        XCTAssertEqual(TextCleaning.usenet.apply(to: withoutSubject),
                       CleanedText(text: "\nSelling a mount\nCheap\n", title: "Selling a mount"))
    }

    func testTitlesAreCutToEightyCharacters() {
        let line = String(repeating: "é", count: 100)
        XCTAssertEqual(DocumentTitle.firstLine(of: line), String(repeating: "é", count: 80))
        XCTAssertEqual(DocumentTitle.firstLine(of: " \n\t\n"), "")
    }
}
