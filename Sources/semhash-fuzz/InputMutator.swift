import SemanticHashing

/// Makes new inputs from seed inputs for the random-input harness, reproducibly from a seed: a few
/// random edits per input (flip bits, overwrite, insert or delete bytes, splice in another seed or a
/// token the parsers look for, or repeat a stretch into a long line), in the spirit of libFuzzer's
/// mutators but without coverage feedback.
struct InputMutator {
    /// Byte strings that steer inputs into the parsers' interesting branches.
    static let tokens: [[UInt8]] = [
        "<REUTERS", "</REUTERS>", " NEWID=\"", "\" TOPICS=\"YES\" LEWISSPLIT=\"TRAIN\"", "<TOPICS>", "</TOPICS>",
        "<D>", "</D>", "<TEXT", "<TEXT TYPE=\"UNPROC\">", "</TEXT>", "<TITLE>", "</TITLE>", "<BODY>", "</BODY>",
        "&#", "&#x", "&amp;", "&lt;", ";", "Reuter\n", "\u{3}", "Subject:", "\n\n", "\n -- \n", "\n--\n",
        "In article", "Quoted from", "writes:", "wrote:", "said:", "\n>", "\n|", "{\"id\":\"", "\",\"text\":\"",
        "\"title\":", "\"labels\":[", "]", "}", "\\u", "\\ud800", "null", "[[[[[[[[", "1e999", "\u{FEFF}",
        "\u{2028}", "\u{85}", "Straße", "ﬁle", "東京都", "ภาษาไทย", "e\u{301}", "x86", "\n",
    ].map { Array($0.utf8) } + [[0], [0, 0], [0xFF], [0xC3], [0xE2, 0x80], [0xED, 0xA0, 0x80], [0xEF, 0xBB, 0xBF]]

    /// The longest input made.
    let maximumLength: Int
    private var random: SplitMix64

    init(seed: UInt64, maximumLength: Int) {
        precondition(maximumLength > 0, "the maximum length must be positive")
        self.maximumLength = maximumLength
        random = SplitMix64(seed: seed)
    }

    /// A mutation of one of `seeds` (which must not be empty).
    mutating func input(from seeds: [[UInt8]]) -> [UInt8] {
        var input = seeds.randomElement(using: &random)!
        for _ in 0..<Int.random(in: 1...8, using: &random) { mutate(&input, seeds: seeds) }
        if input.count > maximumLength { input.removeLast(input.count - maximumLength) }
        return input
    }

    private mutating func mutate(_ input: inout [UInt8], seeds: [[UInt8]]) {
        let position = Int.random(in: 0...input.count, using: &random)
        switch Int.random(in: 0..<8, using: &random) {
        case 0 where position < input.count:
            input[position] ^= 1 << UInt8.random(in: 0..<8, using: &random)
        case 1 where position < input.count:
            input[position] = UInt8.random(in: 0...255, using: &random)
        case 2:
            input.insert(contentsOf: (0..<Int.random(in: 1...16, using: &random)).map { _ in
                UInt8.random(in: 0...255, using: &random)
            }, at: position)
        case 3 where position < input.count:
            input.removeSubrange(position..<min(input.count, position + Int.random(in: 1...64, using: &random)))
        case 4:
            let other = seeds.randomElement(using: &random)!
            let start = Int.random(in: 0...other.count, using: &random)
            input.insert(contentsOf: other[start..<min(other.count, start + Int.random(in: 1...512, using: &random))],
                         at: position)
        case 5 where position < input.count:
            let stretch = input[position..<min(input.count, position + Int.random(in: 1...8, using: &random))]
            let repeats = min(1 << Int.random(in: 0...16, using: &random), maximumLength / stretch.count)
            input.insert(contentsOf: repeatElement(stretch, count: repeats).joined(), at: position)
        default:
            input.insert(contentsOf: Self.tokens.randomElement(using: &random)!, at: position)
        }
    }
}
