import Foundation
import Synchronization

/// Removals of unfinished work's files (a temporary index, an index built under another name until it is
/// complete, a new index that holds no document yet), registered while that work runs so that a process ended
/// by a signal can still do them.
///
/// Code that makes such files removes them itself on every path it controls (a `defer`, a `catch`). `runAll`
/// is for the one path it does not: the command line's Ctrl-C and SIGTERM handling calls it just before the
/// process exits, so that an interrupted command leaves behind no more than a failed one would.
public enum InterruptionCleanup {
    /// A registered removal; unregister it once its files are gone or have become the finished result.
    public struct Registration: Sendable {
        fileprivate let number: UInt64
    }

    private struct Registry {
        var next: UInt64 = 0
        var removals: [UInt64: @Sendable () -> Void] = [:]
    }

    private static let registry = Mutex(Registry())

    /// Registers `removal` to run if the process is interrupted before `unregister` is called.
    public static func register(_ removal: @escaping @Sendable () -> Void) -> Registration {
        registry.withLock { registry in
            registry.next += 1
            registry.removals[registry.next] = removal
            return Registration(number: registry.next)
        }
    }

    /// Withdraws a registered removal; the work finished, or removed its files itself.
    public static func unregister(_ registration: Registration) {
        _ = registry.withLock { $0.removals.removeValue(forKey: registration.number) }
    }

    /// Runs `body` with `removal` registered, unregistering it when `body` returns or throws.
    public static func whileRunning<T>(_ removal: @escaping @Sendable () -> Void,
                                       _ body: () async throws -> T) async rethrows -> T {
        let registration = register(removal)
        defer { unregister(registration) }
        return try await body()
    }

    /// Runs every registered removal once, the latest registered first (inner work before the work around it),
    /// and forgets them. For a process about to exit on a signal.
    public static func runAll() {
        let removals = registry.withLock { registry in
            defer { registry.removals.removeAll() }
            return registry.removals.sorted { $0.key > $1.key }.map(\.value)
        }
        for removal in removals { removal() }
    }
}

/// A new folder in the temporary directory (`TMPDIR`), named `<prefix>-<UUID>`, for work whose files go when
/// it ends: `remove()` deletes it, and until then an interrupted process deletes it (`InterruptionCleanup`).
public struct TemporaryFolder: Sendable {
    /// The folder.
    public let url: URL
    private let registration: InterruptionCleanup.Registration

    /// Creates the folder.
    public init(prefix: String) throws {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
        self.url = url
        registration = InterruptionCleanup.register { try? FileManager.default.removeItem(at: url) }
    }

    /// Deletes the folder with everything in it.
    public func remove() {
        try? FileManager.default.removeItem(at: url)
        InterruptionCleanup.unregister(registration)
    }
}
