import ArgumentParser
import Foundation
import SemanticHashing

/// `--json` and `--quiet`, shared by every command but `serve` (`--quiet` silences the progress of those that show any).
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print one JSON object on stdout instead of text (stable keys, for scripts).")
    var json = false

    @Flag(name: .long, help: "Print no progress on stderr.")
    var quiet = false
}

/// Prints an `Encodable` value as one JSON object on stdout, indented, as the server sends it
/// (`JSONEncoder.forOutput`).
func printJSON<Value: Encodable>(_ value: Value) throws {
    let data = try JSONEncoder.forOutput(indented: true).encode(value)
    do {
        try FileHandle.standardOutput.write(contentsOf: data + Data("\n".utf8))
    } catch {
        // The reader went away (`semhash … --json | head`): stop as a pipe's writer does, without a message.
        exit(141)
    }
}

/// Progress of long work on stderr: a line rewritten in place on a terminal, otherwise a plain line at
/// most every few seconds, the first after a few seconds of work (so logs stay short and hold no "reading
/// 1 document" of work that was soon done). Silent when `quiet`.
final class ProgressPrinter {
    private let quiet: Bool
    private let isTerminal: Bool
    private let minimumInterval: TimeInterval
    private var lastPrinted: Date
    private var lineIsOpen = false

    init(quiet: Bool) {
        self.quiet = quiet
        self.isTerminal = isatty(STDERR_FILENO) == 1
        self.minimumInterval = isTerminal ? 0.1 : 5
        lastPrinted = isTerminal ? .distantPast : Date()
    }

    /// Ends an open progress line when the command finishes, so that an error printed after a failure
    /// starts on a line of its own instead of after the last progress message.
    deinit {
        finishLine()
    }

    /// Shows transient progress (throttled); `force` prints it regardless of the interval.
    func update(_ message: String, force: Bool = false) {
        guard !quiet else { return }
        let now = Date()
        guard force || now.timeIntervalSince(lastPrinted) >= minimumInterval else { return }
        lastPrinted = now
        if isTerminal {
            write("\r\u{1B}[2K" + message)
            lineIsOpen = true
        } else {
            write(message + "\n")
        }
    }

    /// Prints a line that stays (a phase finished, a warning).
    func log(_ message: String) {
        guard !quiet else { return }
        finishLine()
        write(message + "\n")
    }

    /// Ends an in-place line so that later output starts on a fresh line.
    func finishLine() {
        if lineIsOpen {
            write("\n")
            lineIsOpen = false
        }
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

extension ProgressPrinter {
    /// Shows a training epoch; the last epoch of each stage stays on screen.
    func show(_ progress: TrainingProgress) {
        if progress.epoch == progress.epochs {
            log(progress.description)
        } else {
            update(progress.description)
        }
    }
}

extension ProgressPrinter {
    /// Logs a note when OpenBLAS runs slower kernels than this CPU allows (`BLASKernels.fasterCoreType`), for
    /// the commands whose time goes to matrix products: training and `eval`.
    func noteSlowerBLASKernels() {
        guard let faster = BLASKernels.fasterCoreType else { return }
        log("note: OpenBLAS chose its \(BLASKernels.coreName) kernels for this CPU, which has AVX2 and FMA; matrix "
            + "products run faster with OPENBLAS_CORETYPE=\(faster) in the environment")
    }
}

/// Checks, before a command does its work, that an output it will write at the end can be written, so that an
/// hour of work is not lost to a mistyped path.
enum OutputPath {
    /// `path` names a file to create or replace: not a folder, in a folder that exists and can be written.
    static func checkFile(_ path: String, option: String) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw CommandError.unwritableOutput(option: option, path: path, reason: "it is a folder")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder) else {
            throw CommandError.unwritableOutput(option: option, path: path, reason: "the folder \(folder) does not exist")
        }
        try checkWritableFolder(folder, for: path, option: option)
    }

    /// `path` names a folder to write files into: an existing folder that can be written, or a new one whose
    /// nearest existing ancestor is a folder that can be written.
    static func checkFolder(_ path: String, option: String) throws {
        var ancestor = URL(fileURLWithPath: path)
        while !FileManager.default.fileExists(atPath: ancestor.path) { ancestor.deleteLastPathComponent() }
        try checkWritableFolder(ancestor.path, for: path, option: option)
    }

    /// `folder`, which exists, is a folder that can be written.
    private static func checkWritableFolder(_ folder: String, for path: String, option: String) throws {
        var isFolder: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder)
        guard isFolder.boolValue else {
            throw CommandError.unwritableOutput(option: option, path: path, reason: "\(folder) is a file, not a folder")
        }
        guard FileManager.default.isWritableFile(atPath: folder) else {
            throw CommandError.unwritableOutput(option: option, path: path, reason: "the folder \(folder) is not writable")
        }
    }
}
