/// The statements of a SQL script, for running a migration file one statement at a time (the extended query
/// protocol PostgresNIO speaks takes one statement per query).
enum SQLStatements {
    /// Splits `script` at the semicolons that end statements: not those inside string literals ('…'),
    /// quoted identifiers ("…"), dollar-quoted bodies ($$…$$, $tag$…$tag$) or comments (block comments nest,
    /// as in PostgreSQL). In an escape string (E'…') a backslash escapes a quote; in other strings it is text,
    /// as PostgreSQL reads them (standard_conforming_strings). A $ inside an identifier (a$b, x$$) opens no
    /// dollar quote. Statements that are only white space and comments are dropped.
    static func split(_ script: String) -> [String] {
        let characters = Array(script.unicodeScalars)
        var statements: [String] = []
        var current = String.UnicodeScalarView()
        var hasCode = false
        var index = 0
        func finish() {
            if hasCode { statements.append(String(current).trimmingWhitespace) }
            current = String.UnicodeScalarView()
            hasCode = false
        }
        func copy(through end: Int) {
            current.append(contentsOf: characters[index..<min(end, characters.count)])
            index = min(end, characters.count)
        }
        /// The index just past the first occurrence of `pattern` at or after `start` (the end when none).
        func after(_ pattern: [Unicode.Scalar], from start: Int) -> Int {
            var position = start
            while position + pattern.count <= characters.count {
                if Array(characters[position..<(position + pattern.count)]) == pattern { return position + pattern.count }
                position += 1
            }
            return characters.count
        }
        /// The index just past the block comment whose text starts at `start` (the end when none): block
        /// comments nest in PostgreSQL, `/* a /* b */ c */` is one comment.
        func afterBlockComment(from start: Int) -> Int {
            var depth = 1
            var position = start
            while position + 1 < characters.count {
                if characters[position] == "/", characters[position + 1] == "*" {
                    depth += 1
                    position += 2
                } else if characters[position] == "*", characters[position + 1] == "/" {
                    depth -= 1
                    position += 2
                    if depth == 0 { return position }
                } else {
                    position += 1
                }
            }
            return characters.count
        }
        /// Where the word (key word or identifier) that ends the code copied so far starts, nil after anything
        /// else: a quote right after a lone E opens an escape string, a $ inside a word opens no dollar quote.
        var wordStart: Int?
        while index < characters.count {
            let character = characters[index]
            let next: Unicode.Scalar? = index + 1 < characters.count ? characters[index + 1] : nil
            let word = wordStart
            wordStart = nil
            switch character {
            case "-" where next == "-":
                copy(through: after(["\n"], from: index))
            case "/" where next == "*":
                copy(through: afterBlockComment(from: index + 2))
            case "'" where word == index - 1 && (characters[index - 1] == "E" || characters[index - 1] == "e"):
                hasCode = true
                // An escape string (E'…'): a backslash escapes the character after it, a quote as well.
                var end = index + 1
                while end < characters.count {
                    if characters[end] == "\\" || (characters[end] == "'" && end + 1 < characters.count
                                                    && characters[end + 1] == "'") {
                        end += 2
                    } else if characters[end] == "'" {
                        break
                    } else {
                        end += 1
                    }
                }
                copy(through: end + 1)
            case "'", "\"":
                hasCode = true
                // A doubled quote inside is an escaped quote: the scan simply ends and restarts there.
                copy(through: after([character], from: index + 1))
            case "$" where word != nil:
                // Part of an identifier (a$b, x$$): PostgreSQL reads no dollar quote there.
                hasCode = true
                wordStart = word
                copy(through: index + 1)
            case "$":
                hasCode = true
                var end = index + 1
                while end < characters.count,
                      characters[end] == "_" || characters[end].properties.isAlphabetic || ("0"..."9").contains(characters[end]) {
                    end += 1
                }
                if end < characters.count, characters[end] == "$", !(index + 1 < end && ("0"..."9").contains(characters[index + 1])) {
                    let tag = Array(characters[index...end])
                    copy(through: after(tag, from: end + 1))
                } else {
                    copy(through: index + 1)
                }
            case ";":
                index += 1
                finish()
            default:
                if !character.properties.isWhitespace { hasCode = true }
                if character == "_" || character.properties.isAlphabetic {
                    wordStart = word ?? index
                } else if ("0"..."9").contains(character) {
                    wordStart = word
                }
                copy(through: index + 1)
            }
        }
        finish()
        return statements
    }
}

private extension String {
    var trimmingWhitespace: String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
