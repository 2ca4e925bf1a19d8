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

    /// Records the surface word of every stored term (`words[i]` for term id i), keeping terms and ids: how
    /// an index from before surface forms were kept gets them when its corpus is indexed again.
    public func saveWords(_ words: [String]) throws(IndexError) {
        try writeIndex { () throws(IndexError) in
            try connection.withStatement("UPDATE vocabulary SET word = ? WHERE term_id = ?") {
                statement throws(IndexError) in
                for (termID, word) in words.enumerated() {
                    try statement.bind(word, at: 1)
                    try statement.bind(termID, at: 2)
                    try statement.run()
                    statement.reset()
                }
            }
        }
    }

    /// The stored vocabulary, or nil when none was saved. Its words are the recorded surface forms when
    /// every term has one, else none (the terms are shown).
    public func loadVocabulary() throws(IndexError) -> Vocabulary? {
        try readIndex { () throws(IndexError) -> Vocabulary? in
            guard let documentCount = try metaInteger(IndexMetaKey.vocabularyDocumentCount) else { return nil }
            var terms: [String] = []
            var frequencies: [Int] = []
            var words: [String]? = []
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
                    if statement.isNull(at: 3) { words = nil } else { words?.append(statement.text(at: 3)) }
                }
            }
            return Vocabulary(terms: terms, documentFrequencies: frequencies, documentCount: documentCount,
                              words: words)
        }
    }
}
