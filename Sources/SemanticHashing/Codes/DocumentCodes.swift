/// The codes of N documents, row for row: document `i` has id `ids[i]`, real code row `i` of `realCodes`
/// and hash `i` of `hashes`. The one type for "the codes of these documents": what the index stores and
/// loads, what the search engine holds, what topics cluster.
public struct DocumentCodes: Sendable, Equatable {
    public private(set) var ids: [Int64]
    /// N × dims real codes (dims may be 0: then Hamming ties fall to the index).
    public private(set) var realCodes: Matrix
    /// N hashes.
    public private(set) var hashes: BinaryCodes

    /// Codes as loaded from an index; throws when they do not line up or an id repeats.
    public init(ids: [Int64], realCodes: Matrix, hashes: BinaryCodes) throws {
        guard ids.count == realCodes.rows, ids.count == hashes.count else {
            throw CodesError.mismatchedCounts(ids: ids.count, realCodes: realCodes.rows, hashes: hashes.count)
        }
        var seen = Set<Int64>(minimumCapacity: ids.count)
        for id in ids where !seen.insert(id).inserted { throw CodesError.duplicateID(id) }
        self.ids = ids
        self.realCodes = realCodes
        self.hashes = hashes
    }

    public var count: Int { ids.count }

    /// These codes with the documents whose id is in `changed` taken out and `added` appended: how a server
    /// follows documents added, replaced and removed elsewhere without loading every code again. One pass
    /// over the codes that copies the kept runs whole; no per-document allocation. Every id of `added` must
    /// be in `changed` (a new or replaced document), so that no id repeats.
    ///
    /// Throws `CodesError.mismatchedCode` when `added` holds codes of another shape.
    public func replacing(_ changed: Set<Int64>, with added: DocumentCodes) throws -> DocumentCodes {
        precondition(added.ids.allSatisfy(changed.contains), "every added document is a changed one")
        let columns = realCodes.columns, wordsPerCode = hashes.wordsPerCode
        if let id = added.ids.first, added.realCodes.columns != columns || added.hashes.bitCount != hashes.bitCount {
            throw CodesError.mismatchedCode(
                id: id, expected: "\(columns)-number real codes and \(hashes.bitCount)-bit hashes",
                got: "\(added.realCodes.columns)-number real codes and \(added.hashes.bitCount)-bit hashes")
        }
        let taken = changed.isEmpty ? [] : ids.indices.filter { changed.contains(ids[$0]) }
        let total = count - taken.count + added.count
        var keptIDs: [Int64] = [], values: [Float] = [], words: [UInt64] = []
        keptIDs.reserveCapacity(total)
        values.reserveCapacity(total * columns)
        words.reserveCapacity(total * wordsPerCode)
        var start = 0
        for end in taken + [count] {
            if start < end {
                keptIDs.append(contentsOf: ids[start..<end])
                values.append(contentsOf: realCodes.values[(start * columns)..<(end * columns)])
                words.append(contentsOf: hashes.words[(start * wordsPerCode)..<(end * wordsPerCode)])
            }
            start = end + 1
        }
        keptIDs.append(contentsOf: added.ids)
        values.append(contentsOf: added.realCodes.values)
        words.append(contentsOf: added.hashes.words)
        return DocumentCodes(checkedIDs: keptIDs, realCodes: Matrix(rows: keptIDs.count, columns: columns, values: values),
                             hashes: BinaryCodes(bitCount: hashes.bitCount, words: words))
    }

    /// Codes already known to line up with distinct ids.
    private init(checkedIDs ids: [Int64], realCodes: Matrix, hashes: BinaryCodes) {
        self.ids = ids
        self.realCodes = realCodes
        self.hashes = hashes
    }
}

/// Failures of the codes stage: codes that do not fit together.
public enum CodesError: Error, Equatable, CustomStringConvertible {
    /// The ids, real codes and hashes describe different numbers of documents.
    case mismatchedCounts(ids: Int, realCodes: Int, hashes: Int)
    /// The same document id appears twice.
    case duplicateID(Int64)
    /// A document's real code or hash has the wrong size for the loaded codes.
    case mismatchedCode(id: Int64, expected: String, got: String)

    public var description: String {
        switch self {
        case let .mismatchedCounts(ids, realCodes, hashes):
            return "the index holds \(ids) ids, \(realCodes) real codes and \(hashes) hashes"
        case let .duplicateID(id):
            return "document id \(id) is already in the index"
        case let .mismatchedCode(id, expected, got):
            return "document \(id) has \(got) but the index holds \(expected): it was encoded by another model"
        }
    }
}
