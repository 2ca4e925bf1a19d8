#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Neighbour-aware fine-tuning without labels: each training document's reconstruction target is its own
/// word distribution blended with the mean word distribution of its nearest neighbours in the corpus.
///
/// The autoencoder is asked to reconstruct from a document's code not only its words but the words of the
/// documents most like it, so that documents sharing a neighbourhood get nearby codes. This is the
/// neighbour-reconstruction idea of NbrReg (Chaidaroon et al., SIGIR 2018) and PairRec (Hansen et al.,
/// SIGIR 2021), in its simplest form: the graph changes the target, not the network. The neighbours are
/// found once, before fine-tuning, by cosine similarity of log-TF-IDF vectors (see `DocumentNeighbours`).
///
/// Defaults, chosen on a validation split of the 20 Newsgroups training set (BENCHMARKS.md): 20 neighbours
/// giving 0.7 of the target lifted the 10-D codes' P@100 from 0.397 to 0.459 (cosine; 10 neighbours at 0.5:
/// 0.444, 20 at 0.5: 0.451).
public struct NeighbourTargets: Codable, Sendable, Equatable {
    /// Neighbours per document (k of the k-nearest-neighbour graph).
    public var neighbours: Int
    /// The share of the target that comes from the neighbours' mean distribution, in [0, 1).
    public var weight: Float

    public init(neighbours: Int = 20, weight: Float = 0.7) {
        self.neighbours = neighbours
        self.weight = weight
    }
}

/// The k-nearest-neighbour graph of a set of documents by cosine similarity of their log-TF-IDF vectors
/// (`log(1 + count) · idf`, idf smoothed as scikit-learn's), excluding each document itself.
///
/// Computed exactly through an inverted index: each document's similarities are accumulated over the
/// postings of its words, so the cost is the sum over words of their document frequency squared, not the
/// square of the corpus. Ties go to the lower document index, so the graph is the same for any thread
/// count.
public struct DocumentNeighbours: Sendable, Equatable {
    /// Neighbours per document (fewer for a corpus of k documents or less, padded with nothing).
    public let neighboursPerDocument: Int
    /// Row `i` holds document `i`'s neighbours, most similar first: `indices[i * k ..< i * k + count[i]]`.
    public let indices: [Int32]
    /// How many neighbours each document has (less than k only when fewer documents share a word with it).
    public let counts: [Int32]

    /// The graph of `bags` over `vocabularySize` words, `neighbours` per document, on `threads` threads.
    public init(bags: [BagOfWords], vocabularySize: Int, neighbours: Int, threads: Int) {
        precondition(neighbours > 0, "at least one neighbour")
        let weights = Self.unitWeights(bags, vocabularySize: vocabularySize)
        var postingStarts = [Int](repeating: 0, count: vocabularySize + 1)
        for bag in bags { for term in bag.termIDs { postingStarts[Int(term) + 1] += 1 } }
        for term in 0..<vocabularySize { postingStarts[term + 1] += postingStarts[term] }
        var postingDocuments = [Int32](repeating: 0, count: postingStarts[vocabularySize])
        var postingWeights = [Float](repeating: 0, count: postingStarts[vocabularySize])
        var filled = postingStarts
        for (document, bag) in bags.enumerated() {
            for (term, weight) in zip(bag.termIDs, weights[document]) {
                postingDocuments[filled[Int(term)]] = Int32(document)
                postingWeights[filled[Int(term)]] = weight
                filled[Int(term)] += 1
            }
        }
        let k = neighbours, count = bags.count
        let blocks = ParallelWork.map(count: count, chunkSize: 256, threads: threads) { range -> ([Int32], [Int32]) in
            var scores = [Float](repeating: 0, count: count)
            var touched: [Int32] = []
            var rowIndices = [Int32](repeating: 0, count: range.count * k)
            var rowCounts = [Int32](repeating: 0, count: range.count)
            var best = TopNeighbours(capacity: k)
            for document in range {
                touched.removeAll(keepingCapacity: true)
                for (term, weight) in zip(bags[document].termIDs, weights[document]) {
                    for posting in postingStarts[Int(term)]..<postingStarts[Int(term) + 1] {
                        let other = Int(postingDocuments[posting])
                        if scores[other] == 0 { touched.append(Int32(other)) }
                        scores[other] += weight * postingWeights[posting]
                    }
                }
                best.removeAll()
                for other in touched {
                    let score = scores[Int(other)]
                    scores[Int(other)] = 0
                    if Int(other) != document && score > 0 { best.offer(score: score, index: other) }
                }
                let row = document - range.lowerBound
                rowCounts[row] = Int32(best.count)
                for (slot, neighbour) in best.indicesMostSimilarFirst().enumerated() { rowIndices[row * k + slot] = neighbour }
            }
            return (rowIndices, rowCounts)
        }
        neighboursPerDocument = k
        indices = blocks.flatMap(\.0)
        counts = blocks.flatMap(\.1)
    }

    /// The neighbours of document `index`, most similar first.
    public func neighbours(of index: Int) -> ArraySlice<Int32> {
        let start = index * neighboursPerDocument
        return indices[start..<(start + Int(counts[index]))]
    }

    /// Per document, its terms' log-TF-IDF weights scaled to unit length (in the bag's term order).
    private static func unitWeights(_ bags: [BagOfWords], vocabularySize: Int) -> [[Float]] {
        let idf = InputWeighting(fittedTo: bags, vocabularySize: vocabularySize, scale: 1).inverseDocumentFrequencies
        return bags.map { bag in
            var weights = zip(bag.termIDs, bag.counts).map { log1pf($0.1) * idf[Int($0.0)] }
            let norm = weights.reduce(0) { $0 + $1 * $1 }.squareRoot()
            if norm > 0 { for index in weights.indices { weights[index] /= norm } }
            return weights
        }
    }
}

/// The k highest-scoring candidates seen so far (ties to the lower index), kept as a small sorted array.
private struct TopNeighbours {
    let capacity: Int
    private var entries: [(score: Float, index: Int32)] = []

    init(capacity: Int) {
        self.capacity = capacity
        entries.reserveCapacity(capacity + 1)
    }

    var count: Int { entries.count }

    mutating func removeAll() { entries.removeAll(keepingCapacity: true) }

    /// Keeps (score, index) if it ranks among the best `capacity`.
    mutating func offer(score: Float, index: Int32) {
        func ranksBefore(_ a: (score: Float, index: Int32), _ b: (score: Float, index: Int32)) -> Bool {
            a.score > b.score || (a.score == b.score && a.index < b.index)
        }
        let candidate = (score: score, index: index)
        if entries.count == capacity, let last = entries.last, !ranksBefore(candidate, last) { return }
        var position = entries.count
        while position > 0 && ranksBefore(candidate, entries[position - 1]) { position -= 1 }
        entries.insert(candidate, at: position)
        if entries.count > capacity { entries.removeLast() }
    }

    func indicesMostSimilarFirst() -> [Int32] { entries.map(\.index) }
}

extension VisibleBatch {
    /// Blends each row's word-distribution target with its document's neighbours' mean distribution:
    /// `(1 − weight) · p_i + weight · mean_j p_j` over the neighbours `j` of `rows[r]` in `graph` (a document
    /// without neighbours keeps its own target). Cost: one pass over each row and one write per stored term of
    /// each neighbour; rows are blended on several threads, each row by one.
    mutating func blendTargets(withNeighboursOf rows: some Collection<Int>, in graph: DocumentNeighbours,
                               bags: [BagOfWords], weight: Float) {
        guard var target = wordDistribution else { preconditionFailure("only word-layer batches have targets") }
        let documents = Array(rows)
        let columns = target.columns
        target.values.withUnsafeMutableBufferPointer { values in
            let base = values.baseAddress!
            ParallelWork.forEachRange(count: documents.count, chunkSize: Self.rowsPerBlendingChunk,
                                      threads: BLASThreads.current) { range in
                for row in range {
                    Self.blend(base + row * columns, columns: columns, neighbours: graph.neighbours(of: documents[row]),
                               bags: bags, weight: weight)
                }
            }
        }
        wordDistribution = target
    }

    /// Rows of `blendTargets` handed to a thread at a time.
    private static let rowsPerBlendingChunk = 16

    /// Blends one target row of `columns` words with the mean distribution of `neighbours`.
    private static func blend(_ row: UnsafeMutablePointer<Float>, columns: Int, neighbours: some Collection<Int32>,
                              bags: [BagOfWords], weight: Float) {
        guard !neighbours.isEmpty else { return }
        for column in 0..<columns { row[column] *= 1 - weight }
        let share = weight / Float(neighbours.count)
        for neighbour in neighbours {
            let bag = bags[Int(neighbour)]
            let length = bag.length
            guard length > 0 else { continue }
            for (term, count) in zip(bag.termIDs, bag.counts) {
                row[Int(term)] += share * count / length
            }
        }
    }
}
