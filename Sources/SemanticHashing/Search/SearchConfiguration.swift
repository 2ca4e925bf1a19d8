/// The knobs of a `SearchEngine`, with defaults that suit an interactive query over up to millions of codes.
public struct SearchConfiguration: Sendable, Equatable {
    /// Threads and cache blocking of the linear scans.
    public var scan: ScanOptions
    /// The cascade's shortlist size S: the Hamming radius grows until at least S documents are inside.
    /// Nil: max(100, 4·k).
    public var shortlistSize: Int?
    /// How many codes a scan reads in the time one hash-table lookup or candidate check of a radius index
    /// takes; an index query that would do more than N / ratio lookups falls back to the scan, which then
    /// is as fast (the answer does not change, only the path).
    public var indexCostRatio: Int
    /// Multi-index hashing's number of substrings; nil: `MultiIndexHashing.suggestedSubstringCount`.
    public var substringCount: Int?

    /// Defaults: `ScanOptions()`, S = max(100, 4·k), cost ratio 32, the paper's substring count.
    public init(scan: ScanOptions = ScanOptions(), shortlistSize: Int? = nil, indexCostRatio: Int = 32,
                substringCount: Int? = nil) {
        precondition(shortlistSize.map { $0 >= 1 } ?? true, "the shortlist holds at least one document")
        precondition(indexCostRatio >= 1, "the cost ratio is at least 1")
        self.scan = scan
        self.shortlistSize = shortlistSize
        self.indexCostRatio = indexCostRatio
        self.substringCount = substringCount
    }

    /// The shortlist size for a top-k cascade search.
    public func shortlistSize(k: Int) -> Int { shortlistSize ?? max(100, 4 * k) }
}

/// How a question ranks documents: the one list of metrics that `ask` and `similar` answer by and that
/// `eval --metric` measures (an evaluation of a metric ranks exactly as `ask` does, ties aside).
public enum SearchMetric: String, Sendable, Codable, CaseIterable {
    /// By Hamming distance between hashes (ties by real-code distance, then index).
    case hamming
    /// By Euclidean distance between real codes.
    case euclidean
    /// By cosine distance (1 − cos) between real codes: the angle alone, whatever the codes' lengths.
    case cosine
    /// Semantic hashing's two stages (Salakhutdinov & Hinton 2009, section 4): a Hamming-ball shortlist,
    /// re-ranked by Euclidean distance between real codes.
    case cascade
    /// A shortlist by cosine distance between real codes, re-ranked with the words of the stored documents:
    /// code closeness and BM25 score, each scaled over the shortlist, fused 0.4 : 0.6 (`LexicalReranking`), as "Semantic hashing"
    /// re-ranked its shortlist with TF-IDF. The codes find documents by meaning, the words sharpen the top.
    /// `SearchEngine` holds no words and answers it by its code stage alone; `IndexSearcher` re-ranks.
    case hybrid

    /// The metric `ask` uses unless told otherwise, and the one `eval` measures by default: `hybrid`, which
    /// measured best at P@1, P@10 and P@100 on a validation split of 20 Newsgroups (BENCHMARKS.md), at the
    /// cost of reading the shortlist's bags of words.
    public static let standard: SearchMetric = .hybrid
}

/// How a linear scan spreads over threads and caches.
public struct ScanOptions: Sendable, Equatable {
    /// The number of threads a large scan uses (at least 1). Results do not depend on it.
    public var threads: Int
    /// Below this many codes a scan stays on the calling thread: starting threads would cost more.
    public var parallelThreshold: Int
    /// Codes per work chunk of a multi-threaded scan; threads take chunks in turn, so a busy core slows
    /// the scan only by the chunks it holds.
    public var chunkSize: Int
    /// Codes per cache block of a many-query scan: each block is scanned for every query while it is in the
    /// L1 cache (2,048 64-bit codes are 16 KiB).
    public var blockSize: Int

    /// Defaults: 1 thread, threads from 100,000 codes, chunks of 262,144 codes, blocks of 2,048.
    public init(threads: Int = 1, parallelThreshold: Int = 100_000, chunkSize: Int = 262_144,
                blockSize: Int = 2048) {
        precondition(threads >= 1 && chunkSize >= 1 && blockSize >= 1, "threads and sizes are at least 1")
        self.threads = threads
        self.parallelThreshold = parallelThreshold
        self.chunkSize = chunkSize
        self.blockSize = blockSize
    }

    /// The threads a scan of `count` codes uses: `threads` from `parallelThreshold` codes on, else 1.
    func threads(forCodes count: Int) -> Int { count >= parallelThreshold ? threads : 1 }
}
