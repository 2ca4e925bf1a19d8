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

/// A new folder in the temporary directory (`TMPDIR`), named `<prefix>-<process id>-<UUID>`, for work whose
/// files go when it ends: `remove()` deletes it, and until then an interrupted process deletes it
/// (`InterruptionCleanup`).
///
/// A process killed outright (SIGKILL, a crash) cannot run its removals, so making a folder also sweeps the
/// folders of the same prefix whose process no longer exists: what one killed run leaves, the next run of the
/// same work removes.
public struct TemporaryFolder: Sendable {
    /// The folder.
    public let url: URL
    private let registration: InterruptionCleanup.Registration

    /// Creates the folder, after removing the same prefix's folders left by processes that have ended.
    public init(prefix: String) throws {
        let parent = FileManager.default.temporaryDirectory
        Self.removeFoldersOfEndedProcesses(prefix: prefix, in: parent)
        let url = parent.appendingPathComponent("\(prefix)-\(getpid())-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
        self.url = url
        registration = InterruptionCleanup.register { try? FileManager.default.removeItem(at: url) }
    }

    /// Deletes the folder with everything in it.
    public func remove() {
        try? FileManager.default.removeItem(at: url)
        InterruptionCleanup.unregister(registration)
    }

    /// Removes `<prefix>-<process id>-<UUID>` folders in `parent` that this user owns and whose process does not
    /// exist any more. A folder whose process id has been reused by a live process stays, to be swept later.
    static func removeFoldersOfEndedProcesses(prefix: String, in parent: URL) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return }
        for name in names {
            guard let processID = processID(inFolderName: name, prefix: prefix), !isRunning(processID) else { continue }
            let folder = parent.appendingPathComponent(name, isDirectory: true)
            var status = stat()
            guard lstat(folder.path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR, status.st_uid == geteuid()
            else { continue }
            try? FileManager.default.removeItem(at: folder)
        }
    }

    /// The process id in a folder name `<prefix>-<process id>-<UUID>`, or nil for any other name.
    static func processID(inFolderName name: String, prefix: String) -> pid_t? {
        guard name.hasPrefix(prefix + "-") else { return nil }
        let parts = name.dropFirst(prefix.count + 1).split(separator: "-", maxSplits: 1)
        guard parts.count == 2, UUID(uuidString: String(parts[1])) != nil,
              parts[0].allSatisfy(\.isASCII), let processID = pid_t(parts[0]), processID > 0 else { return nil }
        return processID
    }

    private static func isRunning(_ processID: pid_t) -> Bool {
        kill(processID, 0) == 0 || errno == EPERM
    }
}
