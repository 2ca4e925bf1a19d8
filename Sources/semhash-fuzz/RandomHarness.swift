#if !FUZZING
import ArgumentParser
import Foundation

/// The seeded random-input harness: `semhash-fuzz` as a plain executable, for machines where libFuzzer is
/// not available. Runs each target's entry point on mutated seed inputs for a number of iterations or
/// seconds, whichever ends first, and prints executions and executions per second. Before each execution
/// the input is written to `<artifacts>/current-<target>`, so that the input of a crash is left there;
/// the file is removed when the target finishes.
@main
struct RandomHarness: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "semhash-fuzz",
        abstract: "Fuzz semhash's text and corpus readers with seeded random inputs (see Scripts/fuzz.sh)."
    )

    @Option(name: .customLong("target"), help: "A target to fuzz (repeatable; default all: \(FuzzTarget.names)).")
    var targetNames: [String] = []
    @Option(help: "Executions per target.") var iterations = 100_000
    @Option(help: "Seconds per target.") var seconds = 60.0
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(help: "Longest input, in bytes.") var maximumLength = 65_536
    @Option(help: "A folder of seed files (repeatable).")
    var seeds: [String] = ["Tests/SemanticHashingTests/Fixtures", "Corpora/samples"]
    @Option(help: "Where the input being executed is kept.") var artifacts = ".build-fuzz/harness"
    @Option(help: "Run the target once on this file and exit, to reproduce a crash.") var replay: String?

    func validate() throws {
        for name in targetNames where FuzzTarget(rawValue: name) == nil {
            throw ValidationError("unknown target \(name); targets: \(FuzzTarget.names)")
        }
        guard iterations >= 1, seconds > 0, maximumLength >= 1 else {
            throw ValidationError("iterations, seconds and the maximum length must be positive")
        }
        guard replay == nil || targetNames.count == 1 else { throw ValidationError("--replay needs one --target") }
    }

    func run() throws {
        let targets = targetNames.isEmpty ? FuzzTarget.allCases : targetNames.compactMap(FuzzTarget.init)
        if let replay {
            let input = Array(try Data(contentsOf: URL(fileURLWithPath: replay)))
            input.withUnsafeBufferPointer { targets[0].makeEntryPoint().run($0) }
            print("\(targets[0].rawValue): \(replay) ran without a crash")
            return
        }
        let seedInputs = try SeedInputs(folders: seeds)
        try FileManager.default.createDirectory(atPath: artifacts, withIntermediateDirectories: true)
        for (index, target) in targets.enumerated() {
            try fuzz(target, seeds: seedInputs.inputs(for: target), seed: seed &+ UInt64(index))
        }
    }

    private func fuzz(_ target: FuzzTarget, seeds: [[UInt8]], seed: UInt64) throws {
        guard !seeds.isEmpty else { throw ValidationError("no seed files for \(target.rawValue) in \(self.seeds)") }
        let entryPoint = target.makeEntryPoint()
        var mutator = InputMutator(seed: seed, maximumLength: maximumLength)
        let current = URL(fileURLWithPath: artifacts).appendingPathComponent("current-\(target.rawValue)")
        let start = Date()
        var executions = 0
        while executions < iterations && Date().timeIntervalSince(start) < seconds {
            let input = executions < seeds.count ? seeds[executions] : mutator.input(from: seeds)
            try Data(input).write(to: current)
            input.withUnsafeBufferPointer { entryPoint.run($0) }
            executions += 1
        }
        let elapsed = Date().timeIntervalSince(start)
        try FileManager.default.removeItem(at: current)
        print("\(target.rawValue): \(executions) executions in \(String(format: "%.1f", elapsed)) s = "
            + "\(Int(Double(executions) / elapsed)) exec/s, seed \(seed), no crash")
    }
}
#endif
