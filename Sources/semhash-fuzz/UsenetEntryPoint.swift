import SemanticHashing

/// Fuzzes the `--strip usenet` cleaner: each of `UsenetCleaner`'s rules, `subject(of:)`, and
/// `TextCleaning.apply` for both cleanings, on the input read as UTF-8 (invalid bytes repaired).
///
/// The byte-scanning rules are checked against what they promise: the header rule returns a suffix of
/// the post, the footer rule a part of its text, and the quoting rule keeps no line that a plain reference
/// check (`QuotingReference`) calls quoting.
final class UsenetEntryPoint: FuzzEntryPoint {
    func run(_ input: UnsafeBufferPointer<UInt8>) {
        let post = String(decoding: input, as: UTF8.self)
        let postBytes = Array(post.utf8)

        let body = UsenetCleaner.strippingHeader(post)
        FuzzCheck.require(postBytes.ends(with: Array(body.utf8)), "strippingHeader did not return a suffix")

        let withoutFooter = UsenetCleaner.strippingFooter(body)
        FuzzCheck.require(Array(body.utf8).contains(slice: Array(withoutFooter.utf8)),
                          "strippingFooter returned text that is not part of its input")

        let withoutQuotes = UsenetCleaner.strippingQuoting(withoutFooter)
        FuzzCheck.require(withoutQuotes.utf8.count <= withoutFooter.utf8.count, "strippingQuoting grew the text")
        for line in Array(withoutQuotes.utf8).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            FuzzCheck.require(!QuotingReference.isQuoting(Array(line)), "strippingQuoting kept a quoting line")
        }
        FuzzCheck.require(UsenetCleaner.clean(post) == withoutQuotes, "clean differs from its three rules")

        if let subject = UsenetCleaner.subject(of: post) {
            FuzzCheck.require(!subject.isEmpty, "subject(of:) returned an empty subject")
        }
        for cleaning in TextCleaning.allCases {
            let cleaned = cleaning.apply(to: post)
            FuzzCheck.require(cleaning == .usenet || cleaned.text == post, "TextCleaning.none changed the text")
            if cleaning == .none {
                FuzzCheck.require(cleaned.title.count <= DocumentTitle.maximumLength, "title longer than the maximum")
            }
        }
    }
}

/// A deliberately plain restatement of the quoting rule `UsenetCleaner.strippingQuoting` documents, to
/// check the cleaner's optimised byte scan against.
enum QuotingReference {
    private static let prefixes = ["In article", "Quoted from", "|", ">"].map { Array($0.utf8) }
    private static let markers = ["writes in", "writes:", "wrote:", "says:", "said:"].map { Array($0.utf8) }

    /// Whether a line (UTF-8, without its "\n") quotes or introduces a quote.
    static func isQuoting(_ line: [UInt8]) -> Bool {
        prefixes.contains { line.starts(with: $0) } || markers.contains { line.contains(slice: $0) }
    }
}
