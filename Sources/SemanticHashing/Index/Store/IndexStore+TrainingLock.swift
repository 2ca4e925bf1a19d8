#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One training at a time per index file. A training runs for minutes outside any write transaction (it
/// writes only checkpoints until it stores its model), so SQLite's write lock cannot keep a second one out:
/// both would train, and the one to finish last would replace the other's model. The training lock is an
/// exclusive `flock` on the index file, which SQLite's own locks (POSIX record locks) do not touch and the
/// kernel releases when the process ends, however it ends; other writers and readers are not held up.
extension IndexStore {
    /// Runs `body` holding the index's training lock, waiting up to `options.busyTimeout` for another
    /// process's training to end. Throws `IndexError.trainingInProgress` when it does not end in time.
    public func holdingTrainingLock<T>(_ body: () throws -> T) throws -> T {
        let descriptor = lockableDescriptor(of: path)
        guard descriptor >= 0 else { return try body() }  // no file of its own (an in-memory index)
        defer { close(descriptor) }
        let clock = ContinuousClock()
        let deadline = clock.now + options.busyTimeout
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, clock.now < deadline else {
                throw IndexError.trainingInProgress(path)
            }
            usleep(50_000)
        }
        return try body()
    }

    /// Whether another process holds the index's training lock: a training is running, and the checkpoint
    /// the index holds is that training's, not one an interrupted training left.
    public func isBeingTrained() -> Bool {
        let descriptor = lockableDescriptor(of: path)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return flock(descriptor, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK
    }
}

/// A read-only descriptor of the file at `path` to `flock`, or −1 when it cannot be opened (outside
/// `IndexStore`, whose static `open` would hide the C function's name).
private func lockableDescriptor(of path: String) -> Int32 {
    open(path, O_RDONLY | O_CLOEXEC)
}
