import SemanticHashing

/// Invariant checks that turn a wrong answer into a crash the fuzzer reports.
enum FuzzCheck {
    /// Traps with `message` when `condition` is false.
    static func require(
        _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
        file: StaticString = #file, line: UInt = #line
    ) {
        if !condition() { fatalError("fuzz invariant broken: \(message())", file: file, line: line) }
    }

    /// Runs a corpus reader's pass; a `CorpusError` is the reader's documented answer to a broken corpus
    /// and is returned, while any other error means a failure escaped untyped, which traps.
    static func readerPass(_ pass: () throws -> CorpusReport) -> Result<CorpusReport, CorpusError> {
        do {
            return .success(try pass())
        } catch let error as CorpusError {
            return .failure(error)
        } catch {
            fatalError("a corpus reader threw an error that is not a CorpusError: \(type(of: error)): \(error)")
        }
    }
}
