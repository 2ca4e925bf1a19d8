/// How a question ranks documents: the one list of metrics that `ask` and `similar` answer by and that
/// `eval --metric` measures (an evaluation of a metric ranks exactly as `ask` does, ties aside).
public enum SearchMetric: String, Sendable, Codable, CaseIterable {
    /// By Hamming distance between hashes (ties by real-code distance, then index).
    case hamming
    /// By Euclidean distance between real codes. The default: it measured best on 20 Newsgroups, and its
    /// search cost is invisible next to a question's start-up.
    case euclidean
    /// By cosine distance (1 − cos) between real codes: the angle alone, whatever the codes' lengths.
    case cosine
    /// Semantic hashing's two stages (Salakhutdinov & Hinton 2009, section 4): a Hamming-ball shortlist,
    /// re-ranked by Euclidean distance between real codes.
    case cascade
    /// A shortlist by cosine distance between real codes, re-ranked with the words of the stored documents:
    /// reciprocal-rank fusion of code ranks and BM25 ranks (`LexicalReranking`), as "Semantic hashing"
    /// re-ranked its shortlist with TF-IDF. The codes find documents by meaning, the words sharpen the top.
    case hybrid

    /// The metric `ask` uses unless told otherwise, and the one `eval` measures by default.
    public static let standard: SearchMetric = .euclidean
}
