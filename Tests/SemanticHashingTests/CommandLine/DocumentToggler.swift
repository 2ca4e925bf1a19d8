import Foundation
@testable import SemanticHashing

/// A writer in the test process that removes some documents (with their codes) and puts them back, over and
/// over, one short transaction each, on a thread of its own: readers in other processes meanwhile see the
/// index change between any two of their statements unless they read inside one snapshot.
final class DocumentToggler: @unchecked Sendable {
    private let condition = NSCondition()
    private var stopping = false
    private var finished = false
    private var failure: Error?
    private var toggles = 0

    /// Starts toggling the documents whose external id starts with `prefix` in the index at `path`.
    init(path: String, prefix: String) {
        Thread.detachNewThread { [self] in
            do {
                let store = try IndexStore.open(at: path, mode: .readWrite, options: IndexOptions(busyTimeout: .seconds(30)))
                try store.connection.execute("""
                    CREATE TEMP TABLE kept_documents AS SELECT * FROM documents WHERE external_id LIKE '\(prefix)%';
                    CREATE TEMP TABLE kept_codes AS SELECT * FROM codes WHERE document_id IN (SELECT id FROM kept_documents)
                    """)
                while !isStopping {
                    try store.write {
                        try store.connection.execute("DELETE FROM documents WHERE id IN (SELECT id FROM kept_documents)")
                    }
                    try store.write {
                        try store.connection.execute("""
                            INSERT INTO documents SELECT * FROM kept_documents;
                            INSERT INTO codes SELECT * FROM kept_codes
                            """)
                    }
                    condition.withLock { toggles += 1 }
                }
            } catch {
                condition.withLock { failure = error }
            }
            condition.withLock {
                finished = true
                condition.broadcast()
            }
        }
    }

    private var isStopping: Bool { condition.withLock { stopping } }

    /// How many times the documents were removed and put back so far.
    var toggleCount: Int { condition.withLock { toggles } }

    /// Stops after the current toggle (the documents are back in place) and rethrows any error of the writer.
    func stop() throws {
        condition.withLock {
            stopping = true
            while !finished { condition.wait() }
        }
        if let failure { throw failure }
    }
}
