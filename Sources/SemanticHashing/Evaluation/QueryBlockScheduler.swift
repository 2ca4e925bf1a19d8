import Dispatch
import Foundation

/// Hands out block indices `0..<blockCount` to `threads` worker threads, each taking the next unclaimed block
/// until none is left, so that a core slowed by other work simply takes fewer blocks.
///
/// Each worker first builds its own state (scratch buffers), then runs `body(&state, block)` for the blocks it
/// claims. Results must be written to per-block or per-query slots so that they do not depend on which worker
/// ran which block.
final class QueryBlockScheduler: @unchecked Sendable {
    private let blockCount: Int
    private let lock = NSLock()
    private var nextBlock = 0

    private init(blockCount: Int) { self.blockCount = blockCount }

    static func run<State>(blockCount: Int, threads: Int, makeState: () -> State,
                           body: (inout State, Int) -> Void) {
        let scheduler = QueryBlockScheduler(blockCount: blockCount)
        let workers = max(1, min(threads, blockCount))
        withoutActuallyEscaping(makeState) { makeState in
            withoutActuallyEscaping(body) { body in
                let work = Work(makeState: makeState, body: body)
                DispatchQueue.concurrentPerform(iterations: workers) { _ in
                    var state = work.makeState()
                    while let block = scheduler.claim() { work.body(&state, block) }
                }
            }
        }
    }

    private func claim() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard nextBlock < blockCount else { return nil }
        nextBlock += 1
        return nextBlock - 1
    }

    /// The worker closures, shared read-only by the threads.
    private struct Work<State>: @unchecked Sendable {
        let makeState: () -> State
        let body: (inout State, Int) -> Void
    }
}
