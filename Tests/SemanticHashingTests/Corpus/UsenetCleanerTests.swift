import SemanticHashing
import XCTest

/// Expected values come from running scikit-learn's `strip_newsgroup_header`, `strip_newsgroup_footer` and
/// `strip_newsgroup_quoting` (sklearn/datasets/_twenty_newsgroups.py) on the same inputs.
final class UsenetCleanerTests: XCTestCase {
    func testHeaderIsEverythingBeforeTheFirstBlankLine() {
        XCTAssertEqual(UsenetCleaner.strippingHeader("a\n\nb\n\nc"), "b\n\nc")
        XCTAssertEqual(UsenetCleaner.strippingHeader("\n\nbody"), "body")
        XCTAssertEqual(UsenetCleaner.strippingHeader("no blank line\nat all"), "")
        // Only "\n\n" separates: CRLF posts keep nothing, as in scikit-learn.
        XCTAssertEqual(UsenetCleaner.strippingHeader("head\r\n\r\nbody"), "")
    }

    func testFooterIsCutAtTheLastBlankOrHyphenLine() {
        XCTAssertEqual(UsenetCleaner.strippingFooter("body\n\nsig"), "body")
        XCTAssertEqual(UsenetCleaner.strippingFooter("text\n-- \nsig"), "text")
        XCTAssertEqual(UsenetCleaner.strippingFooter("text\n----------\nsig\n\n\n"), "text")
        XCTAssertEqual(UsenetCleaner.strippingFooter("one\n\ntwo\n\nthree"), "one\n\ntwo")
        // Hyphens with a space between them are not a separator.
        XCTAssertEqual(UsenetCleaner.strippingFooter("text\n- -\nsig"), "text\n- -\nsig")
    }

    func testFooterLeavesTextUnchangedWithoutASeparatorAfterTheFirstLine() {
        XCTAssertEqual(UsenetCleaner.strippingFooter("only one line"), "only one line")
        XCTAssertEqual(UsenetCleaner.strippingFooter("--\nsig"), "--\nsig")
        XCTAssertEqual(UsenetCleaner.strippingFooter("  \n\nfirst\nsecond  \n\n"), "  \n\nfirst\nsecond  \n\n")
        XCTAssertEqual(UsenetCleaner.strippingFooter(""), "")
        XCTAssertEqual(UsenetCleaner.strippingFooter("   "), "   ")
    }

    func testFooterUsesPythonWhitespace() {
        XCTAssertEqual(UsenetCleaner.strippingFooter("text\n\u{A0}\nsig"), "text")
        XCTAssertEqual(UsenetCleaner.strippingFooter("text\n\u{1C}\nsig"), "text")
        XCTAssertEqual(UsenetCleaner.strippingFooter("text\n\u{3000}\u{2028}\nsig"), "text")
        XCTAssertEqual(UsenetCleaner.strippingFooter("text\n\u{180E}\nsig"), "text\n\u{180E}\nsig")
    }

    func testQuotingAndAttributionLinesAreRemoved() {
        let post = """
            keep
            > quoted
            | piped
            In article <x> y writes:
            see In article 5
             >indented
            he writes: hi
            HE WRITES: hi
            Quoted from Bob
            she said: no
            he says: yes
            bob writes in to say
            bob wrote:
            last
            """
        XCTAssertEqual(UsenetCleaner.strippingQuoting(post), "keep\nsee In article 5\n >indented\nHE WRITES: hi\nlast")
        XCTAssertEqual(UsenetCleaner.strippingQuoting("trailing\n"), "trailing\n")
        XCTAssertEqual(UsenetCleaner.strippingQuoting("\n"), "\n")
    }

    func testFixturePostIsCleanedLikeScikitLearn() throws {
        let post = try String(contentsOfFile: FixturePaths.path("usenet/sci.space/61001"), encoding: .utf8)
        XCTAssertEqual(UsenetCleaner.clean(post), """

            Try "Fundamentals of Astrodynamics" by Bate, Mueller and White.
            It is cheap, clear and full of worked problems.

            The chapter on transfer orbits is the best part.

            """)
        XCTAssertEqual(UsenetCleaner.subject(of: post), "Re: Orbital mechanics for beginners")
    }

    func testSubjectIsReadFromTheHeaderOnly() {
        XCTAssertEqual(UsenetCleaner.subject(of: "From: a\nsubject:  Folded\n  subject line\nLines: 2\n\nbody"),
                       "Folded subject line")
        XCTAssertNil(UsenetCleaner.subject(of: "From: a\n\nSubject: in the body"))
        XCTAssertNil(UsenetCleaner.subject(of: "Subject:   \n\nbody"))
        XCTAssertEqual(UsenetCleaner.subject(of: "Subject: no body at all"), "no body at all")
    }
}
