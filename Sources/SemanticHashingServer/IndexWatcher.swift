import Hummingbird
import ServiceLifecycle

/// Looks for a new committed state of the index every `interval` and swaps it in (see
/// `ServedIndex.reloadIfChanged`): what another process's `add`, `remove`, `train` or `topics` changed becomes
/// visible without a restart. Stops at the server's graceful shutdown, without waiting for the interval.
struct IndexWatcher: Service {
    let index: ServedIndex
    let interval: Duration
    let log: (@Sendable (String) -> Void)?

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
            do {
                if try index.reloadIfChanged() {
                    log?("reloaded \(index.path): \(index.current.snapshot.engine.codes.count) documents with codes")
                }
            } catch {
                log?("could not reload \(index.path), still serving the previous state: \(error)")
            }
        }
    }
}
