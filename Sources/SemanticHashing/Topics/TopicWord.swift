/// A vocabulary term with the word a person reads for it and the weight that ranked it (a probability or a
/// distinctiveness score).
public struct TopicWord: Sendable, Equatable, Codable {
    /// The term the model reads ("imag").
    public let term: String
    /// Its most frequent surface form in the corpus ("images"; `Vocabulary.words`).
    public let word: String
    public let weight: Float

    public init(term: String, word: String? = nil, weight: Float) {
        self.term = term
        self.word = word ?? term
        self.weight = weight
    }

    /// Whether `word` can name a topic: at least two letters, and nothing but letters (with combining marks)
    /// apart from an apostrophe, hyphen or period between two letters ("i'm", "e-mail", "u.s"). Drops the
    /// one-character and non-word terms that near-empty documents and encoded binaries bring ("m", "@",
    /// "3d", "a1"), whatever the vocabulary holds.
    /// `isReadable` of each term's word in `vocabulary`, by term id: computed once per vocabulary.
    public static func readableTerms(of vocabulary: Vocabulary) -> [Bool] {
        vocabulary.words.map(isReadable)
    }

    public static func isReadable(_ word: String) -> Bool {
        let characters = Array(word)
        var letters = 0
        for (index, character) in characters.enumerated() {
            if character.isLetter {
                letters += 1
            } else if character.unicodeScalars.allSatisfy({ $0.properties.generalCategory == .nonspacingMark }) && index > 0 {
                continue
            } else if "'’-.".contains(character), index > 0, index < characters.count - 1,
                      characters[index - 1].isLetter, characters[index + 1].isLetter {
                continue
            } else {
                return false
            }
        }
        return letters >= 2
    }
}
