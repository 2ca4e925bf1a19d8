import ArgumentParser
import Foundation
import SemanticHashing

/// `semhash-bench codes-file`: the in-memory engine on codes and queries given as files, so that a script
/// can time it on exactly the codes and queries it gives another system (`Scripts/postgres/bench.sh` gives
/// the same ones to PostgreSQL's search functions and compares the answers row for row).
///
/// The codes file holds one `<document id>\t<64-bit hash as a signed integer>` line per document; the queries
/// file one signed 64-bit hash per line. Codes are held in increasing id, so that ties at one distance come
/// in id order, as the SQL functions order them. Prints, per search (radius r within, top k), the median
/// latency of one query in ms, and writes every answer (`<rows> <id>:<distance>,…`, as the script's psql
/// query prints them) to `--answers`.
struct CodesFileBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codes-file",
        abstract: "Hamming radius and top-k searches of the in-memory engine over 64-bit codes read from a file."
    )

    @Option(help: "The codes: one '<id>\\t<signed 64-bit hash>' line each.")
    var codes: String
    @Option(help: "The queries: one signed 64-bit hash per line.")
    var queries: String
    @Option(help: "Radii, comma-separated.")
    var radii: String = "2,3"
    @Option(help: "k of the top-k search.")
    var k: Int = 10
    @Option(help: "Scan threads (the server uses every core).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: "Where to write every answer, one line per query and search.")
    var answers: String

    func run() throws {
        let clock = ContinuousClock()
        var started = clock.now
        var rows = try Self.lines(codes).map { line -> (Int64, UInt64) in
            let fields = line.split(separator: "\t")
            guard fields.count == 2, let id = Int64(fields[0]), let hash = Int64(fields[1]) else {
                throw ValidationError("a codes line is not '<id>\\t<hash>': \(line)")
            }
            return (id, UInt64(bitPattern: hash))
        }
        rows.sort { $0.0 < $1.0 }
        let loaded = try DocumentCodes(ids: rows.map(\.0), realCodes: Matrix(rows: rows.count, columns: 0),
                                       hashes: BinaryCodes(bitCount: 64, words: rows.map(\.1)))
        let loadSeconds = (clock.now - started).seconds
        let questions = try Self.lines(queries).map { line -> UInt64 in
            guard let hash = Int64(line) else { throw ValidationError("a query line is not a signed integer: \(line)") }
            return UInt64(bitPattern: hash)
        }
        var configuration = SearchConfiguration()
        configuration.scan.threads = threads
        var engine = SearchEngine(codes: loaded, configuration: configuration)
        started = clock.now
        engine.prepareRadiusIndex()
        let indexSeconds = (clock.now - started).seconds
        print("in-memory engine: \(loaded.count) codes read and held in \(String(format: "%.1f", loadSeconds)) s, "
              + "radius index built in \(String(format: "%.2f", indexSeconds)) s, \(threads) scan threads")
        var written: [String] = []
        let searches = try radii.split(separator: ",").map { text -> (String, Int?) in
            guard let radius = Int(text) else { throw ValidationError("--radii takes integers, got \(text)") }
            return ("radius \(radius)", radius)
        } + [("top \(k)", nil)]
        for (name, radius) in searches {
            var times: [Double] = []
            for query in questions {
                // Warm once, then time.
                _ = engine.search(code: [], hash: [query], k: radius == nil ? k : loaded.count, metric: .hamming,
                                  radius: radius)
                started = clock.now
                let hits = engine.search(code: [], hash: [query], k: radius == nil ? k : loaded.count,
                                         metric: .hamming, radius: radius).hits
                times.append((clock.now - started).seconds * 1000)
                written.append("\(name)\t\(hits.count) " + hits.map { "\($0.id):\($0.hammingDistance)" }.joined(separator: ","))
            }
            times.sort()
            print("\(name): median \(String(format: "%.4f", times[times.count / 2])) ms over \(times.count) queries")
        }
        try (written.joined(separator: "\n") + "\n").write(toFile: answers, atomically: true, encoding: .utf8)
    }

    private static func lines(_ path: String) throws -> [Substring] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("cannot read \(path)")
        }
        return String(decoding: data, as: UTF8.self).split(separator: "\n")
    }
}
