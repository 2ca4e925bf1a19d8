import ArgumentParser
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
import SemanticHashing

/// `semhash-bench search`: exact Hamming search speed over random 64-bit codes.
///
/// Measures (1) top-k by linear scan, a batch of queries at a time and one query at a time, at each thread
/// count, as ns per code and queries per second; (2) radius queries with multi-index hashing against the
/// linear scan over the largest set, with near neighbours planted around the queries so that the balls are
/// not empty. Every timed answer is checked against an exact reference. Prints markdown; times are medians.
struct SearchBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Hamming top-k scan and multi-index radius lookups over random 64-bit codes."
    )

    @Option(help: "Code counts to scan, comma-separated.")
    var sizes: String = "1000000,10000000"
    @Option(help: "Thread counts, comma-separated.")
    var threads: String = "1,2"
    @Option(help: "Queries per batch.")
    var queries: Int = 100
    @Option(help: "Neighbours per query.")
    var k: Int = 100
    @Option(help: "Timed runs per measurement (the median is reported).")
    var runs: Int = 5
    @Option(help: "Queries checked against the reference per size.")
    var verify: Int = 3
    @Option(help: "Radii for the multi-index lookups, comma-separated.")
    var radii: String = "2,3"
    @Option(help: "Queries per radius measurement.")
    var radiusQueries: Int = 20
    @Option(help: "Seed of the random codes.")
    var seed: UInt64 = 2024
    @Option(help: "Only generate and hold this many codes, then exit (for /usr/bin/time -v).")
    var holdCodes: Int?
    @Flag(help: "With --hold-codes: also build the multi-index tables.")
    var withIndex = false

    func run() throws {
        if let holdCodes {
            var generator = SplitMix64(seed: seed)
            let codes = Self.randomCodes(count: holdCodes, generator: &generator)
            let index = withIndex ? MultiIndexHashing(codes: codes) : nil
            print("held \(codes.count) codes (\(codes.words.count * 8) bytes)"
                  + (index.map { ", multi-index with \($0.substrings.count) tables" } ?? ""))
            return
        }
        let sizes = try Self.list(self.sizes, "sizes")
        let threadCounts = try Self.list(threads, "threads")
        var generator = SplitMix64(seed: seed)
        print("## Hamming top-\(k) by linear scan, 64-bit random codes\n")
        print("Batches of \(queries) queries (each block of codes scanned for all queries while cached) and "
              + "single queries; median of \(runs) runs.\n")
        print("| codes | threads | batch ns/code | batch CPU ns/code | batch queries/s | single ns/code | single CPU ns/code | single queries/s |")
        print("|---:|---:|---:|---:|---:|---:|---:|---:|")
        var largest = BinaryCodes(bitCount: 64)
        for size in sizes {
            let codes = Self.randomCodes(count: size, generator: &generator)
            let batch = Self.randomCodes(count: queries, generator: &generator)
            try checkScan(codes: codes, queries: batch)
            for threadCount in threadCounts {
                let scan = HammingScan(codes: codes, options: ScanOptions(threads: threadCount))
                let batchTime = Self.timed(runs) { _ in _ = scan.nearest(to: batch, k: k) }
                let singleTime = Self.timed(runs) { run in
                    _ = scan.nearest(to: Array(batch.code(run % batch.count)), k: k)
                }
                let batchCodes = Double(queries * size) / 1e9
                let singleCodes = Double(size) / 1e9
                print("| \(size) | \(threadCount) | \(Self.format(batchTime.wall / batchCodes, 3)) "
                      + "| \(Self.format(batchTime.processor / batchCodes, 3)) "
                      + "| \(Self.format(Double(queries) / batchTime.wall, 1)) "
                      + "| \(Self.format(singleTime.wall / singleCodes, 3)) "
                      + "| \(Self.format(singleTime.processor / singleCodes, 3)) "
                      + "| \(Self.format(1 / singleTime.wall, 1)) |")
            }
            largest = codes
        }
        try benchmarkRadius(codes: largest, generator: &generator)
    }

    /// Multi-index radius lookups against the linear scan, over `codes` with planted near neighbours.
    private func benchmarkRadius(codes: BinaryCodes, generator: inout SplitMix64) throws {
        let queryCodes = (0..<radiusQueries).map { _ in generator.next() }
        var words = codes.words
        for query in queryCodes {
            for planted in 0..<10 {
                var code = query
                for _ in 0..<(planted % 4) { code ^= 1 << (generator.next() % 64) }
                words[Int(generator.next() % UInt64(words.count))] = code
            }
        }
        let planted = BinaryCodes(bitCount: 64, words: words)
        var built: MultiIndexHashing?
        let buildTime = Self.timed(1) { _ in built = MultiIndexHashing(codes: planted) }
        guard let index = built else { return }
        let scan = HammingScan(codes: planted)
        print("\n## Radius queries with multi-index hashing, \(planted.count) 64-bit codes\n")
        print("\(index.substrings.count) substrings of \(index.substrings.map(\.length)) bits, built in "
              + "\(Self.format(buildTime.wall, 2)) s (\(Self.format(buildTime.processor, 2)) s CPU); \(radiusQueries) queries with 10 planted neighbours at distance "
              + "0…3 each; median per query; one thread.\n")
        print("| radius | mean results | MIH µs/query | MIH CPU µs/query | scan µs/query | scan CPU µs/query "
              + "| speed-up (wall) | speed-up (CPU) |")
        print("|---:|---:|---:|---:|---:|---:|---:|---:|")
        for radius in try Self.list(radii, "radii") {
            var results = 0
            for query in queryCodes {
                let expected = scan.within(radius: radius, of: [query])
                guard index.within(radius: radius, of: [query]) == expected else {
                    throw ValidationError("multi-index radius \(radius) answer differs from the scan")
                }
                results += expected.count
            }
            let indexTime = Self.timed(queryCodes.count) { _ = index.within(radius: radius, of: [queryCodes[$0]]) }
            let scanTime = Self.timed(min(queryCodes.count, runs)) { _ = scan.within(radius: radius, of: [queryCodes[$0]]) }
            print("| \(radius) | \(Self.format(Double(results) / Double(queryCodes.count), 1)) "
                  + "| \(Self.format(indexTime.wall * 1e6, 1)) | \(Self.format(indexTime.processor * 1e6, 1)) "
                  + "| \(Self.format(scanTime.wall * 1e6, 1)) | \(Self.format(scanTime.processor * 1e6, 1)) "
                  + "| \(Self.format(scanTime.wall / indexTime.wall, 0))x "
                  + "| \(Self.format(scanTime.processor / indexTime.processor, 0))x |")
        }
    }

    /// Checks the scan's answers for the first `verify` queries, batched and alone, on 1 and 2 threads,
    /// against the reference.
    private func checkScan(codes: BinaryCodes, queries: BinaryCodes) throws {
        let checked = BinaryCodes(bitCount: 64, words: Array(queries.words.prefix(verify)))
        for threadCount in [1, 2] {
            let scan = HammingScan(codes: codes, options: ScanOptions(threads: threadCount))
            let batch = scan.nearest(to: checked, k: k)
            for query in 0..<checked.count {
                let expected = Self.referenceNearest(codes, query: checked.words[query], k: k)
                guard batch[query] == expected,
                      scan.nearest(to: [checked.words[query]], k: k) == expected else {
                    throw ValidationError("scan answer differs from the reference (\(threadCount) threads)")
                }
            }
        }
    }

    /// The exact reference: every distance materialised, then indices collected distance by distance in
    /// index order until k are taken, which is the (distance, index) order.
    static func referenceNearest(_ codes: BinaryCodes, query: UInt64, k: Int) -> [HammingNeighbor] {
        let distances = codes.words.map { UInt8(($0 ^ query).nonzeroBitCount) }
        var result: [HammingNeighbor] = []
        for distance in 0...64 where result.count < k {
            for (index, value) in distances.enumerated() where value == distance && result.count < k {
                result.append(HammingNeighbor(index: index, distance: distance))
            }
        }
        return result
    }

    static func randomCodes(count: Int, generator: inout SplitMix64) -> BinaryCodes {
        BinaryCodes(bitCount: 64, words: (0..<count).map { _ in generator.next() })
    }

    /// The median wall time and the median processor time (all threads of the process) of `runs` calls of
    /// `body(run)`, in seconds. On a shared machine the processor time shows the work done when the wall
    /// time includes waiting for a core.
    static func timed(_ runs: Int, _ body: (Int) -> Void) -> (wall: Double, processor: Double) {
        let clock = ContinuousClock()
        var walls: [Double] = []
        var processors: [Double] = []
        for run in 0..<max(runs, 1) {
            let start = processorSeconds()
            walls.append(seconds(clock.measure { body(run) }))
            processors.append(processorSeconds() - start)
        }
        return (medianOf(walls), medianOf(processors))
    }

    static func medianOf(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2]
            : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    static func processorSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    static func format(_ value: Double, _ decimals: Int) -> String {
        var text = String(Int((value * pow10(decimals)).rounded()))
        guard decimals > 0 else { return text }
        while text.count <= decimals { text = "0" + text }
        text.insert(".", at: text.index(text.endIndex, offsetBy: -decimals))
        return text
    }

    private static func pow10(_ exponent: Int) -> Double { (0..<exponent).reduce(1) { value, _ in value * 10 } }

    static func list(_ text: String, _ name: String) throws -> [Int] {
        let values = text.split(separator: ",").map { Int(String($0)) }
        guard !values.isEmpty, values.allSatisfy({ ($0 ?? 0) > 0 || $0 == 0 && name == "radii" }) else {
            throw ValidationError("--\(name) takes comma-separated non-negative integers")
        }
        return values.compactMap { $0 }
    }
}
