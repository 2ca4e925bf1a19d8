import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import XCTest

/// `semhash serve` as a user runs it: it says where it listens, answers, and stops cleanly on SIGTERM or SIGINT.
final class ServeCommandTests: ServerTestCase, @unchecked Sendable {
    func testServeAnswersOnThePortItPrintsAndStopsCleanlyOnEachSignal() async throws {
        for signal in [SIGTERM, SIGINT] {
            let errors = directory.appendingPathComponent("serve-\(signal).err")
            try Data().write(to: errors)
            let process = try Self.start(["serve", "--index", indexPath, "--port", "0"], stdout: FileHandle.nullDevice,
                                         stderr: try FileHandle(forWritingTo: errors))
            var url: URL?
            for _ in 0..<200 where url == nil {
                try await Task.sleep(for: .milliseconds(50))
                let text = String(decoding: try Data(contentsOf: errors), as: UTF8.self)
                if let range = text.range(of: #"http://127\.0\.0\.1:[0-9]+/"#, options: .regularExpression) {
                    url = URL(string: String(text[range]))
                }
            }
            let base = try XCTUnwrap(url, "serve printed where it listens")
            let (data, response) = try await URLSession.shared.data(from: base.appendingPathComponent("healthz"))
            XCTAssertEqual((response as? HTTPURLResponse)?.statusCode, 200)
            XCTAssertEqual(try json(String(decoding: data, as: UTF8.self))["status"] as? String, "ok")
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            XCTAssertEqual(process.terminationReason, .exit, "stopped by itself, not killed by the signal")
            XCTAssertEqual(process.terminationStatus, 0)
            let log = String(decoding: try Data(contentsOf: errors), as: UTF8.self)
            XCTAssertTrue(log.contains("GET /healthz 200 "), log)
        }
    }

    func testABodyThatIsNotValidHTTPIsABadRequestNotAServerError() async throws {
        let tokenFile = directory.appendingPathComponent("token")
        try Data("t\n".utf8).write(to: tokenFile)
        let errors = directory.appendingPathComponent("serve.err")
        try Data().write(to: errors)
        let process = try Self.start(["serve", "--index", indexPath, "--port", "0", "--write-token-file", tokenFile.path],
                                     stdout: FileHandle.nullDevice, stderr: try FileHandle(forWritingTo: errors))
        defer { kill(process.processIdentifier, SIGTERM); process.waitUntilExit() }
        var port: UInt16?
        for _ in 0..<200 where port == nil {
            try await Task.sleep(for: .milliseconds(50))
            let text = String(decoding: try Data(contentsOf: errors), as: UTF8.self)
            if let range = text.range(of: #"127\.0\.0\.1:[0-9]+"#, options: .regularExpression) {
                port = UInt16(text[range].split(separator: ":")[1])
            }
        }
        let listening = try XCTUnwrap(port, "serve printed where it listens")
        let request = "POST /api/documents HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer t\r\n"
            + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nZZ\r\nnot a chunk\r\n0\r\n\r\n"
        let answer = try Self.exchange(request, port: listening)
        XCTAssertTrue(answer.hasPrefix("HTTP/1.1 400"), answer)
        XCTAssertTrue(answer.contains(#"{"error":"the request is not valid HTTP: "#), answer)
    }

    /// Sends `request` as it is to the loopback address's `port` and reads the answer until the server closes.
    private static func exchange(_ request: String, port: UInt16) throws -> String {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = port.bigEndian
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else { throw XCTSkip("could not connect to port \(port)") }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        _ = Array(request.utf8).withUnsafeBytes { send(socket, $0.baseAddress, $0.count, 0) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(socket, &buffer, buffer.count, 0)
            guard count > 0 else { break }
            received += buffer[0..<count]
        }
        return String(decoding: received, as: UTF8.self)
    }

    func testAnAddressInUseOrAnUnknownHostIsOneLineSayingWhatToDo() throws {
        // A socket of the test's own holds a port on the loopback address.
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        XCTAssertGreaterThanOrEqual(socket, 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && listen(socket, 1) == 0
                && getsockname(socket, $0, &length) == 0 }
        }
        XCTAssertTrue(bound)
        let port = Int(UInt16(bigEndian: address.sin_port))
        let taken = try runSemhash(["serve", "--index", indexPath, "--port", String(port)])
        XCTAssertEqual(taken.status, 1)
        XCTAssertEqual(taken.stderr, "Error: cannot listen on 127.0.0.1:\(port): the address is in use; choose another "
                       + "--port (0 lets the system pick a free one), or stop what holds it\n")
        let unknown = try runSemhash(["serve", "--index", indexPath, "--host", "no-such-host.invalid", "--port", "0"])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.stderr.hasPrefix("Error: cannot listen on 'no-such-host.invalid': no address has that name;"),
                      unknown.stderr)
    }

    func testServeRefusesAMissingIndexAnEmptyOrTwoWordTokenFileAndATwoWordTokenVariableWithOneLine() throws {
        let missing = try runSemhash(["serve", "--index", directory.appendingPathComponent("none.sqlite").path, "--port", "0"])
        XCTAssertNotEqual(missing.status, 0)
        XCTAssertTrue(missing.stderr.hasPrefix("Error: "), missing.stderr)
        let tokenFile = directory.appendingPathComponent("token")
        try Data("\n".utf8).write(to: tokenFile)
        let empty = try runSemhash(["serve", "--index", indexPath, "--port", "0", "--write-token-file", tokenFile.path])
        XCTAssertNotEqual(empty.status, 0)
        XCTAssertTrue(empty.stderr.contains("is empty"), empty.stderr)
        try Data("abc\ndef\n".utf8).write(to: tokenFile)
        let twoLines = try runSemhash(["serve", "--index", indexPath, "--port", "0", "--write-token-file", tokenFile.path])
        XCTAssertEqual(twoLines.status, 1)
        XCTAssertTrue(twoLines.stderr.hasPrefix("Error: the write token file \(tokenFile.path) holds white space inside its token"),
                      twoLines.stderr)
        XCTAssertEqual(twoLines.stderr.split(separator: "\n").count, 1, twoLines.stderr)
        let twoWords = try runSemhash(["serve", "--index", indexPath, "--port", "0"],
                                      environment: ["SEMHASH_WRITE_TOKEN": " abc def "])
        XCTAssertEqual(twoWords.status, 1)
        XCTAssertTrue(twoWords.stderr.hasPrefix("Error: SEMHASH_WRITE_TOKEN holds white space inside its token"), twoWords.stderr)
    }
}
