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
