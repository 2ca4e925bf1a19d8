import Foundation
import XCTest

/// A named pipe that a test writes a JSONL corpus into while a `semhash` process reads it as its corpus file.
/// Until the pipe is closed the process stays in its reading phase, so a signal can be sent there at a known
/// point rather than after a guessed delay.
final class CorpusPipe {
    let path: String
    private var descriptor: Int32 = -1

    /// Makes the pipe at `path`.
    init(at path: String) throws {
        guard mkfifo(path, 0o600) == 0 else { throw CorpusPipeFailure.cannotMake(path, errno) }
        self.path = path
    }

    deinit { close() }

    /// Waits until a reader has opened the pipe (the process is reading its corpus), then writes one document
    /// line for each id. The pipe stays open, so the reader waits for more.
    func waitForReaderAndWrite(documents ids: [String], timeout: TimeInterval = 60) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while descriptor < 0 {
            // Opening for writing without blocking fails (ENXIO) while no process has the pipe open to read.
            descriptor = open(path, O_WRONLY | O_NONBLOCK)
            if descriptor < 0 {
                guard errno == ENXIO, Date() < deadline else { throw CorpusPipeFailure.noReader(path) }
                Thread.sleep(forTimeInterval: 0.02)
            }
        }
        let lines = ids.map { #"{"id": "\#($0)", "text": "rockets launch satellites into orbit around the earth"}"# + "\n" }
        let bytes = Array(lines.joined().utf8)
        XCTAssertEqual(bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }, bytes.count)
    }

    /// Closes the writing end: the reader sees the corpus end.
    func close() {
        if descriptor >= 0 { _ = Glibc.close(descriptor) }
        descriptor = -1
    }

    enum CorpusPipeFailure: Error {
        case cannotMake(String, Int32)
        case noReader(String)
    }
}
