import Dispatch
import Foundation
import SemanticHashing

/// What Ctrl-C (SIGINT) and SIGTERM do to a command, the same for every command but `serve` (whose server
/// stops gracefully on them).
///
/// While `exitingCleanly` runs, the first signal removes the files of unfinished work (`InterruptionCleanup`:
/// a temporary index, a partial copy, a new index still without documents), prints `interrupted` and exits
/// with 128 + the signal's number (130 for Ctrl-C, 143 for SIGTERM). What was committed stays: every write
/// is a transaction. Inside `requestingStop` (training) the first signal only asks the work to stop at its
/// next checkpoint; a second one exits as above. A signal the process started with ignored (SIGINT, for a
/// background job of a script) stays ignored.
final class Interruption: @unchecked Sendable {
    private static let shared = Interruption()

    private let lock = NSLock()
    /// How many `exitingCleanly` and `requestingStop` calls are running; signals are caught while any is.
    private var scopes = 0
    /// The notice of the running `requestingStop` call, nil outside one: while it is set, the first signal asks
    /// for a stop instead of ending the process.
    private var stopNotice: String?
    /// The signal that asked the running `requestingStop` call to stop, if one did.
    private var stopSignal: Int32?
    private var sources: [DispatchSourceSignal] = []

    /// Runs `body` with SIGINT and SIGTERM ending the process cleanly, as described above.
    nonisolated(nonsending) static func exitingCleanly<T>(_ body: () async throws -> T) async rethrows -> T {
        shared.enter(stopNotice: nil)
        defer { shared.leave(endingStopRequests: false) }
        return try await body()
    }

    /// Runs `body` with the first SIGINT or SIGTERM turned into a stop request, which `body` polls through the
    /// closure it is given, and `notice` printed on a line of its own; a second signal ends the process cleanly.
    nonisolated(nonsending) static func requestingStop<T>(
        notice: String, _ body: (_ isRequested: @escaping @Sendable () -> Bool) async throws -> T
    ) async rethrows -> T {
        shared.enter(stopNotice: notice)
        defer { shared.leave(endingStopRequests: true) }
        return try await body { shared.lock.withLock { shared.stopSignal != nil } }
    }

    /// The exit status of a command that stopped on request: 128 + the number of the signal that asked for the
    /// stop (130 for Ctrl-C, 143 for SIGTERM), as for a command that exits at once.
    static var stopExitStatus: Int32 {
        128 + (shared.lock.withLock { shared.stopSignal } ?? SIGINT)
    }

    /// Enters a scope; one with a stop notice is a `requestingStop` call. The first scope starts catching the
    /// signals and returns once they are caught.
    private func enter(stopNotice: String?) {
        let registered = DispatchGroup()
        lock.withLock {
            if let stopNotice {
                self.stopNotice = stopNotice
                stopSignal = nil
            }
            scopes += 1
            guard scopes == 1 else { return }
            for number in [SIGINT, SIGTERM] where !Self.isIgnoredSinceStart(number) {
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { [unowned self] in receive(number) }
                registered.enter()
                source.setRegistrationHandler { registered.leave() }
                source.resume()
                sources.append(source)
            }
        }
        registered.wait()
    }

    /// Leaves a scope; the last one stops catching the signals. Their disposition is left to Dispatch, which on
    /// Linux installs its handler once per signal for every later source too (the server's, in `serve`):
    /// resetting it to the default would leave those sources deaf.
    private func leave(endingStopRequests: Bool) {
        lock.withLock {
            if endingStopRequests { stopNotice = nil }
            scopes -= 1
            guard scopes == 0 else { return }
            for source in sources { source.cancel() }
            sources = []
        }
    }

    /// Whether the process started with `number` ignored, as a non-interactive shell starts a background job
    /// for SIGINT: such a signal stays ignored, as the shell asked.
    private static func isIgnoredSinceStart(_ number: Int32) -> Bool {
        let current = signal(number, SIG_IGN)
        signal(number, current)
        return unsafeBitCast(current, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
    }

    private func receive(_ number: Int32) {
        let notice: String? = lock.withLock {
            guard let stopNotice, stopSignal == nil else { return nil }
            stopSignal = number
            return stopNotice
        }
        if let notice {
            FileHandle.standardError.write(Data("\n\(notice)\n".utf8))
            return
        }
        InterruptionCleanup.runAll()
        FileHandle.standardError.write(Data("\ninterrupted\n".utf8))
        _exit(128 + number)
    }
}

/// A command that answers SIGINT and SIGTERM itself (`serve` stops after the requests under way), so
/// `Interruption.exitingCleanly` does not wrap its whole run.
protocol HandlesItsOwnSignals {}
