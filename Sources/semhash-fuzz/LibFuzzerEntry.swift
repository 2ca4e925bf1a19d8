#if FUZZING
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The entry point the fuzz script fuzzes, named by the `SEMHASH_FUZZ_TARGET` environment variable
/// (libFuzzer owns the command line). Made on the first input.
private let libFuzzerEntryPoint: any FuzzEntryPoint = {
    let name = getenv("SEMHASH_FUZZ_TARGET").map { String(cString: $0) } ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        fputs("semhash-fuzz: set SEMHASH_FUZZ_TARGET to one of: \(FuzzTarget.names)\n", stderr)
        exit(2)
    }
    return target.makeEntryPoint()
}()

/// libFuzzer's callback, built only with `-Xswiftc -sanitize=fuzzer -Xswiftc -DFUZZING`: libFuzzer provides
/// `main` and calls this with each input it generates.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    libFuzzerEntryPoint.run(UnsafeBufferPointer(start: size > 0 ? data : nil, count: size))
    return 0
}
#endif
