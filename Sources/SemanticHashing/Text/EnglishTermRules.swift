/// The decision `TermRules.english` makes for one case-folded word (see there for the rules and their
/// reasons): drop it, or emit its term with the word it came from (without a possessive or contraction
/// ending: "john's" is the word "john"). Separate from `Tokenizer` so that the rules read in one place.
struct EnglishTermRules {
    let stopWords: Set<String>
    let removesStopWords: Bool
    let stemmer: SnowballStemmer?

    /// Auxiliary verb forms that the standard list lacks and that 20 Newsgroups' vocabulary showed as terms
    /// ("doe" from "does").
    static let auxiliaries: Set<String> = ["does", "did", "doing", "having"]
    /// Abbreviations with dots that are function words ("e.g"); other acronyms ("u.s") are names, even where
    /// their letters spell a stop word.
    static let abbreviations: Set<String> = ["eg", "ie", "cf", "vs", "al", "ps"]
    /// Contraction endings that attach to a pronoun or auxiliary and are removed before the stop-word check.
    private static let contractionEndings: Set<Substring> = ["m", "re", "ve", "ll", "d"]

    func disposition(of folded: String) -> TermDisposition {
        var word = Self.straightenedApostrophes(folded)
        if word.hasSuffix("'s") { word.removeLast(2) }
        if removesStopWords, let apostrophe = word.lastIndex(of: "'") {
            let ending = word[word.index(after: apostrophe)...]
            let base = word[..<apostrophe]
            if ending == "t" && base.hasSuffix("n") { return .drop }
            if Self.contractionEndings.contains(ending) { word = String(base) }
        }
        if Self.isAcronym(word) {
            if removesStopWords && Self.abbreviations.contains(word.filter { $0 != "." }) { return .drop }
            return keepsEnough(word) ? .emit(term: word, word: word) : .drop
        }
        if removesStopWords && isStopWord(word) { return .drop }
        let term = stemmer.map { stemmer in
            var bytes = Array(word.utf8)
            return bytes.withUnsafeMutableBufferPointer { stemmer.stem(UnsafeBufferPointer($0)) }
        } ?? word
        guard removesStopWords else { return term.isEmpty ? .drop : .emit(term: term, word: word) }
        if term != word && stopWords.contains(term) && word != term + "s" { return .drop }
        return keepsEnough(term) ? .emit(term: term, word: word) : .drop
    }

    private func isStopWord(_ word: String) -> Bool {
        stopWords.contains(word) || Self.auxiliaries.contains(word)
    }

    /// Whether `term` has at least two letters or digits, or is a word of an ideographic script (where one
    /// character is a word). Only applied when stop words are removed.
    private func keepsEnough(_ term: String) -> Bool {
        guard removesStopWords else { return !term.isEmpty }
        var count = 0
        for scalar in term.unicodeScalars {
            if scalar.properties.isIdeographic { return true }
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil { count += 1 }
            if count >= 2 { return true }
        }
        return false
    }

    /// Single letters joined by dots: "u.s", "e.g", "i.e".
    static func isAcronym(_ word: String) -> Bool {
        let parts = word.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count >= 2 && parts.allSatisfy { $0.count == 1 && $0.first!.isLetter }
    }

    /// The word with the right single quotation mark and the modifier apostrophe read as "'".
    static func straightenedApostrophes(_ word: String) -> String {
        guard word.unicodeScalars.contains(where: { $0 == "\u{2019}" || $0 == "\u{02BC}" }) else { return word }
        return String(String.UnicodeScalarView(word.unicodeScalars.map { $0 == "\u{2019}" || $0 == "\u{02BC}" ? "'" : $0 }))
    }
}
