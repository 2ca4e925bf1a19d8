import SemanticHashing

/// Documents drawn from a few topics, each topic a distinct block of favoured words over a shared
/// background: small enough for debug-build training, structured enough that good codes separate topics.
public struct SyntheticCorpus: Sendable {
    public var bags: [BagOfWords]
    public var labels: [Int]
    public let vocabularySize: Int

    public init(topics: Int, documentsPerTopic: Int, vocabularySize: Int, wordsPerDocument: ClosedRange<Int>, seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let block = vocabularySize / (topics + 1)
        var bags: [BagOfWords] = []
        var labels: [Int] = []
        for document in 0..<(topics * documentsPerTopic) {
            let topic = document % topics
            var counts = [Float](repeating: 0, count: vocabularySize)
            for _ in 0..<Int.random(in: wordsPerDocument, using: &generator) {
                let word = Double.random(in: 0..<1, using: &generator) < 0.7
                    ? topic * block + Int.random(in: 0..<block, using: &generator)
                    : Int.random(in: 0..<vocabularySize, using: &generator)
                counts[word] += 1
            }
            let terms = counts.indices.filter { counts[$0] > 0 }
            bags.append(BagOfWords(termIDs: terms.map { Int32($0) }, counts: terms.map { counts[$0] }))
            labels.append(topic)
        }
        self.bags = bags
        self.labels = labels
        self.vocabularySize = vocabularySize
    }
}
