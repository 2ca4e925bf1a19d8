extension IndexStore {
    /// Replaces the stored vocabulary (terms in input order, their document frequencies, their surface
    /// words when recorded, and the number of documents they were counted over). Bags stored earlier refer
    /// to the old term ids: re-index them.
    public func saveVocabulary(_ vocabulary: Vocabulary) throws(IndexError) {
        try writeIndex { () throws(IndexError) in
            try connection.execute("DELETE FROM vocabulary")
            try connection.withStatement(
                "INSERT INTO vocabulary(term_id, term, document_frequency, word) VALUES (?, ?, ?, ?)"
            ) { statement throws(IndexError) in
                for (termID, term) in vocabulary.terms.enumerated() {
                    try statement.bind(termID, at: 1)
                    try statement.bind(term, at: 2)
                    try statement.bind(vocabulary.documentFrequencies[termID], at: 3)
                    try statement.bind(vocabulary.recordedWords?[termID], at: 4)
                    try statement.run()
                    statement.reset()
                }
            }
            try setMetaValue(IndexMetaKey.vocabularyDocumentCount, String(vocabulary.documentCount))
        }
    }

    /// Records the surface word of the given terms (by term id), keeping terms and ids: how an index from
    /// before surface forms were kept gets them when documents are indexed again.
    public func saveWords(_ words: [(termID: Int, word: String)]) throws(IndexError) {
        try writeIndex { () throws(IndexError) in
            try connection.withStatement("UPDATE vocabulary SET word = ? WHERE term_id = ?") {
                statement throws(IndexError) in
                for (termID, word) in words {
                    try statement.bind(word, at: 1)
                    try statement.bind(termID, at: 2)
                    try statement.run()
                    statement.reset()
                }
            }
        }
    }

    /// The number of terms in the stored vocabulary (0 without one), without reading them: term ids run from 0
    /// without gaps, so it is the largest id plus one.
    public func vocabularySize() throws(IndexError) -> Int {
        try connection.withStatement("SELECT coalesce(max(term_id) + 1, 0) FROM vocabulary") {
            statement throws(IndexError) -> Int in try statement.step() ? statement.int(at: 0) : 0
        }
    }

    /// The ids of the terms without a recorded word (all of them in a file upgraded from format 1).
    public func termIDsWithoutWords() throws(IndexError) -> [Int] {
        guard formatVersion >= 2 else { return try loadVocabulary().map { Array(0..<$0.count) } ?? [] }
        return try connection.withStatement("SELECT term_id FROM vocabulary WHERE word IS NULL ORDER BY term_id") {
            statement throws(IndexError) -> [Int] in
            var ids: [Int] = []
            while try statement.step() { ids.append(statement.int(at: 0)) }
            return ids
        }
    }

    /// The stored vocabulary, or nil when none was saved. A term without a recorded word shows itself; with
    /// no word recorded at all, the vocabulary has no `recordedWords`.
    public func loadVocabulary() throws(IndexError) -> Vocabulary? {
        try readIndex { () throws(IndexError) -> Vocabulary? in
            guard let documentCount = try metaInteger(IndexMetaKey.vocabularyDocumentCount) else { return nil }
            var terms: [String] = []
            var frequencies: [Int] = []
            var words: [String] = [], recorded = false
            // Format 1 has no word column (a file read without upgrading it): no words recorded.
            let word = formatVersion >= 2 ? "word" : "NULL"
            try connection.withStatement(
                "SELECT term_id, term, document_frequency, \(word) FROM vocabulary ORDER BY term_id"
            ) { statement throws(IndexError) in
                while try statement.step() {
                    guard statement.int64(at: 0) == Int64(terms.count) else {
                        throw .corrupt(path, "vocabulary term ids are not 0, 1, 2, … without gaps")
                    }
                    terms.append(statement.text(at: 1))
                    frequencies.append(statement.int(at: 2))
                    recorded = recorded || !statement.isNull(at: 3)
                    words.append(statement.isNull(at: 3) ? terms[terms.count - 1] : statement.text(at: 3))
                }
            }
            return Vocabulary(terms: terms, documentFrequencies: frequencies, documentCount: documentCount,
                              words: recorded ? words : nil)
        }
    }
}
