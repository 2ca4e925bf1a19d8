import Dispatch
import Foundation

/// Work spread over threads so that the answer does not depend on how many there are: the one scheduler
/// behind the multi-threaded scans (`map`) and the evaluator's query blocks (`forEachBlock`).
///
/// Worker threads take the next unclaimed block until none is left (a lock guards the counter; blocks are
/// large, so it is taken rarely), so a core slowed by other work on a shared machine simply takes fewer.
/// Results go to per-block slots, never to "whichever thread finished first".
enum ParallelWork {
    /// Runs `body(&state, block)` for every block in `0..<count` on up to `threads` threads. Each worker first
    /// builds its own state (scratch buffers) with `makeState`.
    static func forEachBlock<State>(count: Int, threads: Int, makeState: () -> State,
                                    body: (inout State, Int) -> Void) {
        let workers = max(1, min(threads, count))
        guard workers > 1 else {
            var state = makeState()
            for block in 0..<count { body(&state, block) }
            return
        }
        let counter = BlockCounter(count: count)
        withoutActuallyEscaping(makeState) { makeState in
            withoutActuallyEscaping(body) { body in
                let work = Work(makeState: makeState, body: body)
                DispatchQueue.concurrentPerform(iterations: workers) { _ in
                    var state = work.makeState()
                    while let block = counter.claim() { work.body(&state, block) }
                }
            }
        }
    }

    /// `body` over consecutive chunks of `0..<count` of `chunkSize` elements, on up to `threads` threads, with
    /// the results in chunk order: merging them in that order gives the same answer for any thread count.
    static func map<Result>(count: Int, chunkSize: Int, threads: Int, _ body: (Range<Int>) -> Result) -> [Result] {
        let chunkCount = max(1, (count + chunkSize - 1) / chunkSize)
        guard threads > 1, chunkCount > 1 else { return [body(0..<count)] }
        let slots = ResultSlots<Result>(count: chunkCount)
        forEachBlock(count: chunkCount, threads: threads, makeState: {}) { _, chunk in
            let start = chunk * chunkSize
            slots.store(body(start..<min(count, start + chunkSize)), at: chunk)
        }
        return slots.results()
    }

    /// `body` over consecutive ranges of at most `chunkSize` elements covering `0..<count`, on up to `threads`
    /// threads: for element-wise passes whose elements are independent of each other, so that the result is
    /// the same for any thread count.
    static func forEachRange(count: Int, chunkSize: Int, threads: Int, _ body: (Range<Int>) -> Void) {
        let chunks = (count + chunkSize - 1) / chunkSize
        forEachBlock(count: chunks, threads: threads, makeState: {}) { _, chunk in
            body((chunk * chunkSize)..<min(count, (chunk + 1) * chunkSize))
        }
    }

    /// The claim counter the workers share.
    private final class BlockCounter: @unchecked Sendable {
        private let count: Int
        private let lock = NSLock()
        private var next = 0

        init(count: Int) { self.count = count }

        func claim() -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard next < count else { return nil }
            next += 1
            return next - 1
        }
    }

    /// The worker closures, shared read-only by the threads.
    private struct Work<State>: @unchecked Sendable {
        let makeState: () -> State
        let body: (inout State, Int) -> Void
    }

    /// One result slot per block, each written by exactly one thread before `concurrentPerform` returns.
    private final class ResultSlots<Result>: @unchecked Sendable {
        private let count: Int
        private let slots: UnsafeMutablePointer<Result?>

        init(count: Int) {
            self.count = count
            slots = .allocate(capacity: count)
            slots.initialize(repeating: nil, count: count)
        }

        deinit {
            slots.deinitialize(count: count)
            slots.deallocate()
        }

        func store(_ result: Result, at index: Int) { slots[index] = result }

        func results() -> [Result] { (0..<count).map { slots[$0]! } }
    }
}
