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
