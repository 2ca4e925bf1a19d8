#if FUZZING
import Foundation

/// The entry point the fuzz script fuzzes, named by the `SEMHASH_FUZZ_TARGET` environment variable
/// (libFuzzer owns the command line). Made on the first input; libFuzzer calls from one thread only.
nonisolated(unsafe) private let libFuzzerEntryPoint: any FuzzEntryPoint = {
    let name = getenv("SEMHASH_FUZZ_TARGET").map { String(cString: $0) } ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        FileHandle.standardError.write(Data("semhash-fuzz: set SEMHASH_FUZZ_TARGET to one of: \(FuzzTarget.names)\n".utf8))
        exit(2)
    }
    return target.makeEntryPoint()
}()

/// libFuzzer's callback, built only with `-Xswiftc -sanitize=fuzzer -Xswiftc -DFUZZING`: libFuzzer calls
/// this with each input it generates.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    libFuzzerEntryPoint.run(UnsafeBufferPointer(start: size > 0 ? data : nil, count: size))
    return 0
}

/// libFuzzer's driver (libclang_rt.fuzzer), which parses the libFuzzer flags and runs the fuzzing loop.
@_silgen_name("LLVMFuzzerRunDriver")
private func runLibFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// The program's entry point. SwiftPM links every executable with `main` defined as `<module>_main`
/// (`--defsym main=semhash_fuzz_main`, so that tests can link executable modules), which would replace
/// libFuzzer's own `main`; this symbol does what libFuzzer's `main` does: hand the command line to the
/// driver with the callback.
@_cdecl("semhash_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var argc = argc
    var argv = argv
    return runLibFuzzerDriver(&argc, &argv, fuzzOneInput)
}
#endif
