/// What to ask a search for: how many documents, ranked how, within which Hamming radius.
public struct SearchRequest: Sendable, Equatable {
    /// How many documents to return (at least 1); asking for more than the index holds returns every one.
    public var k: Int
    /// How documents are ranked (`SearchMetric.standard` unless asked).
    public var metric: SearchMetric
    /// With `.hamming`, only documents within this Hamming radius; with `.cascade`, the shortlist radius
    /// (grown from 0 when nil). Must be nil for `.euclidean` and `.cosine`.
    public var radius: Int?

    /// How many documents a question gets unless it asks for another number: `ask`, `similar` and the
    /// server's `/api/ask` and `/api/similar`.
    public static let standardCount = 10

    /// A request; the defaults are what `ask` does without options.
    public init(k: Int = standardCount, metric: SearchMetric = .standard, radius: Int? = nil) {
        self.k = k
        self.metric = metric
        self.radius = radius
    }
}

/// One question's answer with its hits described by their stored documents: what `semhash ask --json` and
/// `similar --json` print and what the server's `/api/ask` and `/api/similar` return, field for field.
public struct SearchAnswer: Encodable, Sendable {
    /// One document of the answer, best first.
    public struct Hit: Encodable, Sendable, Equatable {
        /// 1 for the best hit.
        public var rank: Int
        /// The document's external id.
        public var id: String
        /// The stored title; empty when the document has none.
        public var title: String
        /// The document's class labels (a newsgroup, Reuters topics); empty when unlabelled.
        public var labels: [String]
        /// The distance the metric ranks by: Hamming bits, the Euclidean or cosine distance of real codes, or
        /// for hybrid the fusion distance (0 when first by both codes and words).
        public var distance: Double
        /// The Hamming distance of the hashes, in bits.
        public var hamming: Int
        /// The Euclidean distance of the real codes.
        public var euclidean: Double
        /// The cosine distance (1 − cosine similarity) of the real codes.
        public var cosine: Double
        /// The stored topic of the document (−1: unassigned); nil before topics are found, or for a document
        /// added since.
        public var topic: Int?
        /// The topic's first distinctive words, as a person reads them.
        public var topicWords: [String]?
        /// The document's excerpt on one line, cut to 160 characters.
        public var snippet: String
        /// Where the document was read from: a file path, or a path and record.
        public var source: String

        enum CodingKeys: String, CodingKey {
            case rank, id, title, labels, distance, hamming, euclidean, cosine, topic, topicWords = "topic_words",
                 snippet, source
        }
    }

    /// The question as asked, or the id of the document `similar` starts from.
    public var question: String
    /// The metric the hits are ranked by (`SearchMetric.rawValue`).
    public var metric: String
    /// Terms of the question that are not in the vocabulary (after stop words and stemming).
    public var outOfVocabulary: [String]
    /// The Hamming radius the hits came from (see `SearchResults.hammingRadius`).
    public var radius: Int?
    /// The number of documents a cascade or a hybrid search re-ranked.
    public var shortlist: Int?
    /// The best documents, at most the k asked for (fewer within a Hamming radius, or in a small index).
    public var hits: [Hit]
    /// Set when the question, or the document `similar` starts from, could not be searched (no word in the
    /// vocabulary).
    public var error: String?

    enum CodingKeys: String, CodingKey {
        case question, metric, outOfVocabulary = "out_of_vocabulary", radius, shortlist, hits, error
    }

    /// Answers `query` as `request` asks: `search(k)` returns the best k documents, and the hits' documents
    /// and topics are read from `store` (call it inside `store.read` to read them from one snapshot); topic
    /// words are shown as `vocabulary` records them written.
    /// `excluding` leaves one document out of the hits (the document `similar` starts from). A hit whose
    /// document is no longer in `store` (removed since the codes were loaded) is left out.
    public init(question: String, query: IndexSearcher.EncodedQuery, request: SearchRequest, store: IndexStore,
                vocabulary: Vocabulary, excluding excluded: Int64? = nil, search: (Int) throws -> SearchResults) throws {
        self.question = question
        metric = request.metric.rawValue
        outOfVocabulary = query.outOfVocabularyTerms
        guard !query.bag.isEmpty else {
            hits = []
            error = excluded == nil ? "no word of the question is in the index's vocabulary"
                : "the document has no word of the index's vocabulary: its code carries no meaning"
            return
        }
        let results = try search(excluded == nil ? request.k : min(request.k, Int.max - 1) + 1)
        let found = results.hits.filter { $0.id != excluded }.prefix(request.k)
        let fusionDistances = Dictionary(uniqueKeysWithValues: zip(results.hits.map(\.id), results.fusionDistances ?? []))
        let documents = Dictionary(uniqueKeysWithValues: try store.documents(ids: found.map(\.id)).map { ($0.id, $0) })
        let topics = try store.topicIDs(of: found.map(\.id))
        let topicWords = Dictionary(uniqueKeysWithValues: try store.loadTopics().map { topic in
            (topic.id, topic.distinctiveWords.prefix(3).map(vocabulary.word(for:)))
        })
        radius = results.hammingRadius
        // The document `similar` starts from is in its own shortlist, but never an answer: not counted.
        let startsInShortlist = excluded.map { excluded in results.hits.contains { $0.id == excluded } } ?? false
        shortlist = results.shortlistCount.map { startsInShortlist ? $0 - 1 : $0 }
        hits = found.compactMap { hit in documents[hit.id].map { (hit, $0) } }.enumerated().map { rank, pair in
            let (hit, document) = pair
            return Hit(rank: rank + 1, id: document.externalID, title: document.title, labels: document.labels,
                       distance: fusionDistances[hit.id] ?? Self.distance(of: hit, by: request.metric),
                       hamming: hit.hammingDistance,
                       euclidean: Double(hit.euclideanDistance), cosine: Double(hit.cosineDistance),
                       topic: topics[hit.id], topicWords: topics[hit.id].flatMap { topicWords[$0] }, snippet: document.excerpt.snippet(after: document.title), source: document.source)
        }
    }

    /// The distance `metric` ranks `hit` by.
    private static func distance(of hit: SearchHit, by metric: SearchMetric) -> Double {
        switch metric {
        case .hamming: return Double(hit.hammingDistance)
        case .euclidean, .cascade: return Double(hit.euclideanDistance)
        case .cosine, .hybrid: return Double(hit.cosineDistance)
        }
    }
}

extension String {
    /// The snippet of this excerpt, without `title` where the excerpt starts with it and goes on (a folder
    /// document's title is its first line), so that an answer does not show the title twice.
    public func snippet(after title: String, limit: Int = 160) -> String {
        guard !title.isEmpty, hasPrefix(title) else { return snippet(limit: limit) }
        let rest = String(dropFirst(title.count)).snippet(limit: limit)
        return rest.isEmpty ? snippet(limit: limit) : rest
    }

    /// The text on one line (white space folded), cut to `limit` characters with an ellipsis: how answers
    /// show a document's excerpt.
    ///
    /// Reads only as far as the snippet needs, and tests ASCII characters for white space without Unicode
    /// property lookups (the answer's hot spot under load when every character was looked up).
    public func snippet(limit: Int = 160) -> String {
        var folded = ""
        var length = 0
        var pendingSpace = false
        for character in self {
            // "\r\n" is one character whose ASCII value is that of "\n".
            let isWhitespace = character.asciiValue.map { $0 == 0x20 || (0x09...0x0D).contains($0) }
                ?? character.isWhitespace
            if isWhitespace {
                pendingSpace = length > 0
                continue
            }
            if pendingSpace {
                folded.append(" ")
                length += 1
                pendingSpace = false
            }
            folded.append(character)
            length += 1
            if length > limit { return String(folded.prefix(limit - 1)) + "…" }
        }
        return folded
    }
}
