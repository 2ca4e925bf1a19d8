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
