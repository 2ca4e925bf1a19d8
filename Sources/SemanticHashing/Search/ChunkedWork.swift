import Dispatch
import Foundation

/// Runs a function over consecutive chunks of `0..<count` on several threads and returns the per-chunk
/// results in chunk order, so that merging them in that order gives the same answer for any thread count.
///
/// Threads take the next unclaimed chunk until none is left (a lock guards the counter; chunks are large,
/// so it is taken rarely), which keeps both cores busy on a machine shared with other work.
enum ChunkedWork {
    static func map<Result>(count: Int, options: ScanOptions, _ body: (Range<Int>) -> Result) -> [Result] {
        guard options.threads > 1, count >= options.parallelThreshold, count > options.chunkSize else {
            return [body(0..<count)]
        }
        return withoutActuallyEscaping(body) { body in
            let work = SharedChunks(count: count, chunkSize: options.chunkSize, body: body)
            DispatchQueue.concurrentPerform(iterations: min(options.threads, work.chunkCount)) { _ in
                work.runUntilDone()
            }
            return work.results()
        }
    }
}

/// The state the threads of one `ChunkedWork.map` share: the claim counter behind a lock, and one result
/// slot per chunk, each written by exactly one thread before `concurrentPerform` returns.
private final class SharedChunks<Result>: @unchecked Sendable {
    let chunkCount: Int
    private let count: Int
    private let chunkSize: Int
    private let body: (Range<Int>) -> Result
    private let slots: UnsafeMutablePointer<Result?>
    private let lock = NSLock()
    private var nextChunk = 0

    init(count: Int, chunkSize: Int, body: @escaping (Range<Int>) -> Result) {
        self.count = count
        self.chunkSize = chunkSize
        self.body = body
        chunkCount = (count + chunkSize - 1) / chunkSize
        slots = .allocate(capacity: chunkCount)
        slots.initialize(repeating: nil, count: chunkCount)
    }

    deinit {
        slots.deinitialize(count: chunkCount)
        slots.deallocate()
    }

    func runUntilDone() {
        while let chunk = claim() {
            let start = chunk * chunkSize
            slots[chunk] = body(start..<min(count, start + chunkSize))
        }
    }

    func results() -> [Result] { (0..<chunkCount).map { slots[$0]! } }

    private func claim() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard nextChunk < chunkCount else { return nil }
        nextChunk += 1
        return nextChunk - 1
    }
}
