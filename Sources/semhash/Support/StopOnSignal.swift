import Dispatch
import Foundation

/// Turns the first Ctrl-C (SIGINT) or SIGTERM during training into a request to stop after the current
/// epoch with a checkpoint saved; a second signal ends the process at once, as the default handling would.
final class StopOnSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var received = 0
    private var sources: [DispatchSourceSignal] = []

    /// Starts catching SIGINT and SIGTERM until `restore()`.
    init() {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [unowned self] in self.receive(number) }
            source.resume()
            sources.append(source)
        }
    }

    /// Whether a signal asked training to stop.
    var isRequested: Bool { lock.withLock { received > 0 } }

    /// Gives SIGINT and SIGTERM back their default handling.
    func restore() {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }

    private func receive(_ number: Int32) {
        let count = lock.withLock {
            received += 1
            return received
        }
        guard count == 1 else { _exit(128 + number) }
        FileHandle.standardError.write(Data(
            "\nstopping after this epoch to save the training (interrupt again to quit at once)\n".utf8))
    }
}
