extension IndexStore {
    /// Stores (or replaces) the code and hash of each document: row `i` of `codes` and hash `i` of `hashes`
    /// belong to internal id `ids[i]`, which must be a stored document.
    ///
    /// All codes in an index share one shape; saving codes of another dimension or bit count while codes
    /// of the old shape remain is a programmer error (call `removeAllCodes()` first, in the same `write`).
    /// Runs inside the caller's transaction when there is one: batch a whole encoding pass in one `write`.
    public func saveCodes(ids: [Int64], codes: Matrix, hashes: BinaryCodes) throws(IndexError) {
        precondition(ids.count == codes.rows && ids.count == hashes.count, "one code and one hash per id")
        try writeIndex { () throws(IndexError) in
            let dimension = try metaInteger(IndexMetaKey.codeDimension)
            let bits = try metaInteger(IndexMetaKey.hashBits)
            if dimension != codes.columns || bits != hashes.bitCount {
                let remaining = try codeCount()
                precondition(remaining == 0,
                             "the index holds codes of another shape: remove all codes before saving these")
                try setMetaValue(IndexMetaKey.codeDimension, String(codes.columns))
                try setMetaValue(IndexMetaKey.hashBits, String(hashes.bitCount))
            }
            try connection.withStatement("INSERT OR REPLACE INTO codes(document_id, code, hash) VALUES (?, ?, ?)") {
                statement throws(IndexError) in
                for (row, id) in ids.enumerated() {
                    try statement.bind(id, at: 1)
                    let columns = (row * codes.columns)..<((row + 1) * codes.columns)
                    try statement.bind(blob: LittleEndianBlob.bytes(of: codes.values[columns]), at: 2)
                    try statement.bind(blob: LittleEndianBlob.bytes(of: hashes.code(row)), at: 3)
                    try statement.run()
                    statement.reset()
                }
            }
        }
    }

    /// Deletes every code and hash (before retraining, or before saving codes of another shape).
    public func removeAllCodes() throws(IndexError) {
        try writeIndex { () throws(IndexError) in
            try connection.execute("DELETE FROM codes")
            // Only a damaged table can still hold rows here; saving codes over them would mix two shapes.
            guard try codeCount() == 0 else { throw .corrupt(path, "codes remain after deleting them all") }
            try removeMetaValue(IndexMetaKey.codeDimension)
            try removeMetaValue(IndexMetaKey.hashBits)
        }
    }

    /// The number of documents that have a code.
    public func codeCount() throws(IndexError) -> Int {
        try connection.withStatement("SELECT count(*) FROM codes") { statement throws(IndexError) in
            _ = try statement.step()
            return statement.int(at: 0)
        }
    }

    /// Every stored code and hash in increasing document id, or nil when no codes were ever saved.
    ///
    /// One SELECT over the `codes` table whose blobs are copied straight into the preallocated code matrix
    /// and hash words (no per-row allocation); documents without a code are not loaded.
    ///
    /// Without `includingWordless`, the codes of documents with no vocabulary word are left out: they are all
    /// the empty bag's code, which says nothing of the document, so searches (and `eval`, which measures
    /// them) never answer with such a document.
    public func loadCodes(includingWordless: Bool = true) throws(IndexError) -> DocumentCodes? {
        try readIndex { () throws(IndexError) -> DocumentCodes? in
            guard let dimension = try metaInteger(IndexMetaKey.codeDimension),
                  let bits = try metaInteger(IndexMetaKey.hashBits), dimension >= 0, bits > 0
            else { return nil }
            // Skipped while the codes are read in id order, by walking this list beside them: a filter in the
            // query would cost a lookup per code.
            let leftOut = includingWordless ? [] : try wordlessDocumentsWithCodes()
            var nextLeftOut = 0
            let count = try codeCount() - leftOut.count
            let wordsPerCode = (bits + 63) / 64
            var ids: [Int64] = []
            ids.reserveCapacity(count)
            var values = [Float](repeating: 0, count: count * dimension)
            var words = [UInt64](repeating: 0, count: count * wordsPerCode)
            try values.withUnsafeMutableBufferPointer { values throws(IndexError) in
                try words.withUnsafeMutableBufferPointer { words throws(IndexError) in
                    try connection.withStatement("SELECT document_id, code, hash FROM codes ORDER BY document_id") {
                        statement throws(IndexError) in
                        while try statement.step() {
                            let row = ids.count
                            let id = statement.int64(at: 0)
                            if nextLeftOut < leftOut.count, leftOut[nextLeftOut] == id {
                                nextLeftOut += 1
                                continue
                            }
                            guard row < count else { throw .corrupt(path, "the codes table changed while read") }
                            try statement.withBlob(at: 1) { blob throws(IndexError) in
                                guard blob.count == dimension * 4 else {
                                    throw .corrupt(path, "the code of document \(id) has \(blob.count) bytes, "
                                                   + "expected \(dimension * 4)")
                                }
                                LittleEndianBlob.copyFloats(from: blob, into: UnsafeMutableBufferPointer(
                                    rebasing: values[(row * dimension)..<((row + 1) * dimension)]))
                            }
                            try statement.withBlob(at: 2) { blob throws(IndexError) in
                                guard blob.count == wordsPerCode * 8 else {
                                    throw .corrupt(path, "the hash of document \(id) has \(blob.count) bytes, "
                                                   + "expected \(wordsPerCode * 8)")
                                }
                                LittleEndianBlob.copyWords(from: blob, into: UnsafeMutableBufferPointer(
                                    rebasing: words[(row * wordsPerCode)..<((row + 1) * wordsPerCode)]))
                            }
                            ids.append(id)
                        }
                    }
                }
            }
            guard ids.count == count else { throw .corrupt(path, "the codes table changed while read") }
            let paddingMask = bits % 64 == 0 ? 0 : ~UInt64(0) << UInt64(bits % 64)
            for row in 0..<count where words[row * wordsPerCode + wordsPerCode - 1] & paddingMask != 0 {
                throw .corrupt(path, "the hash of document \(ids[row]) has bits beyond its \(bits)")
            }
            do {
                return try DocumentCodes(ids: ids, realCodes: Matrix(rows: count, columns: dimension, values: values),
                                         hashes: BinaryCodes(bitCount: bits, words: words))
            } catch {
                throw .corrupt(path, "\(error)")
            }
        }
    }

    /// `wordlessDocumentsWithCodes`' query, driven by the partial index (its plan is tested).
    static let wordlessDocumentsWithCodesQuery = "SELECT id FROM documents WHERE empty "
        + "AND EXISTS (SELECT 1 FROM codes WHERE document_id = documents.id) ORDER BY id"

    /// The wordless documents that have a code, in increasing id: through the partial index
    /// `documents_wordless` (format 3), without reading any other document's row; a file of an older format
    /// read as it is has no such index and reads them all.
    private func wordlessDocumentsWithCodes() throws(IndexError) -> [Int64] {
        try connection.withStatement(Self.wordlessDocumentsWithCodesQuery) { statement throws(IndexError) in
            var ids: [Int64] = []
            while try statement.step() { ids.append(statement.int64(at: 0)) }
            return ids
        }
    }
}
