/// One piece of semhash that the fuzzer feeds arbitrary bytes to.
///
/// `run` must return normally for every input: the typed errors the library documents (such as
/// `CorpusError`) are the expected answer to bad input and are caught. A crash, trap, hang or sanitizer
/// report is a bug, and so is a broken invariant, which `run` turns into a trap with `FuzzCheck`.
protocol FuzzEntryPoint: AnyObject {
    func run(_ input: UnsafeBufferPointer<UInt8>)
}
