import Foundation
import SemanticHashing
import TestSupport
import XCTest

/// Insert and load rates of the index at realistic sizes. Skipped unless `SEMHASH_BENCHMARKS` is set;
/// run in release:
/// `SEMHASH_BENCHMARKS=1 swift test -c release -Xswiftc -enable-testing -Xswiftc -target-cpu
///  -Xswiftc haswell --filter IndexBenchmarkTests`
final class IndexBenchmarkTests: IndexTestCase {
    override func setUpWithError() throws {
        try XCTSkipUnless(ProcessInfo.processInfo.environment["SEMHASH_BENCHMARKS"] != nil,
                          "set SEMHASH_BENCHMARKS=1 to run the index benchmarks")
    }

    /// Wall-clock seconds of `body`; also prints the thread's CPU seconds, which other processes on a
    /// busy machine inflate far less.
    private func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = ContinuousClock.now
        let cpuStart = threadCPUSeconds()
        try body()
        let cpu = threadCPUSeconds() - cpuStart
        let elapsed = (ContinuousClock.now - start).components
        let wall = Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
        print("  (wall \(wall) s, CPU \(cpu) s)")
        return wall
    }

    private func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }

    /// 11,314 documents (the size of 20 Newsgroups' training set) with bags of up to 120 terms.
    func testStoringATwentyNewsgroupsSizedCorpus() throws {
        let store = try IndexStore.create(at: temporaryPath())
        var generator = SeededGenerator(seed: 1)
        let corpus = (0..<11_314).map { syntheticDocument($0, generator: &generator) }
        let elapsed = try seconds {
            try store.write {
                for (document, bag) in corpus { try store.upsertDocument(document, bag: bag, tokenCount: 200) }
            }
        }
        print("stored \(corpus.count) documents with bags in \(elapsed) s: \(Double(corpus.count) / elapsed) documents/s")
        var streamed = 0
        let streaming = try seconds { try store.forEachBag { _, _ in streamed += 1 } }
        print("streamed \(streamed) bags in \(streaming) s")
        XCTAssertEqual(streamed, corpus.count)
    }

    /// 1,000,000 documents with 10-float codes and 32-bit hashes: insert, then load all codes.
    func testLoadingAMillionCodes() throws {
        let path = temporaryPath()
        let count = 1_000_000
        var ids: [Int64] = []
        do {
            let store = try IndexStore.create(at: path)
            let bag = BagOfWords(termIDs: [3, 17, 42], counts: [1, 2, 1])
            let documents = try seconds {
                ids = try store.write {
                    try (0..<count).map { index in
                        try store.upsertDocument(Document(id: "d\(index)", text: "short text \(index)"), bag: bag,
                                                 tokenCount: 4)
                    }
                }
            }
            print("stored \(count) small documents in \(documents) s: \(Double(count) / documents) documents/s")
            let (codes, hashes) = randomCodes(ids: ids, dimension: 10, bits: 32, seed: 12)
            let saving = try seconds { try store.write { try store.saveCodes(ids: ids, codes: codes, hashes: hashes) } }
            print("saved \(count) codes in \(saving) s: \(Double(count) / saving) codes/s")
        }
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
        print("index file: \(size / 1_048_576) MiB")
        let store = try IndexStore.open(at: path, mode: .readOnly)
        for attempt in 1...3 {
            var loaded: DocumentCodes?
            let loading = try seconds { loaded = try store.loadCodes() }
            print("load \(attempt): \(loaded?.ids.count ?? 0) codes in \(loading) s")
            XCTAssertEqual(loaded?.ids, ids)
        }
    }
}
