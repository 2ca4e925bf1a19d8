import ArgumentParser
import SemanticHashing
import Foundation

extension SearchMetric: ExpressibleByArgument {}

/// How `ask` and `similar` search.
struct SearchOptions: ParsableArguments {
    @Option(name: .short, help: ArgumentHelp("How many documents to return.", valueName: "k"))
    var k = 10

    @Option(name: .long, help: ArgumentHelp("hamming: Hamming distance on hashes (ties by real-code distance); euclidean: distance on real codes; cosine: angle between real codes; cascade: every document within a Hamming radius of the question's hash, re-ranked by real-code distance; hybrid: the documents nearest by code (cosine) re-ranked with their words (BM25, reciprocal-rank fusion).", valueName: "metric"))
    var metric: SearchMetric = .standard

    @Option(name: .long, help: ArgumentHelp("Hamming radius: with hamming, return only documents within it; with cascade, the shortlist radius (grown from 0 when omitted).", valueName: "r"))
    var radius: Int?

    func validate() throws {
        guard k >= 1 else { throw ValidationError("-k must be at least 1") }
        if let radius, radius < 0 { throw ValidationError("--radius must be at least 0") }
        if radius != nil && (metric == .euclidean || metric == .cosine || metric == .hybrid) {
            throw ValidationError("--radius applies to hamming and cascade searches, not \(metric.rawValue)")
        }
    }
}

/// One question's answer as `ask` and `similar` print it.
struct Answer: Encodable {
    struct Hit: Encodable {
        var rank: Int
        var id: String
        var title: String
        var labels: [String]
        /// The distance the metric ranks by: Hamming bits, the Euclidean or cosine distance of real codes, or
        /// for hybrid the fusion distance (0 when first by both codes and words).
        var distance: Double
        var hamming: Int
        var euclidean: Double
        var cosine: Double
        var topic: Int?
        /// The topic's first distinctive words, as a person reads them.
        var topicWords: [String]?
        var snippet: String
        var source: String

        enum CodingKeys: String, CodingKey {
            case rank, id, title, labels, distance, hamming, euclidean, topic, topicWords = "topic_words", snippet, source
        }
    }

    var question: String
    var metric: String
    var outOfVocabulary: [String]
    var radius: Int?
    var shortlist: Int?
    var hits: [Hit]
    /// Set when the question could not be searched (no word in the vocabulary).
    var error: String?

    enum CodingKeys: String, CodingKey {
        case question, metric, outOfVocabulary = "out_of_vocabulary", radius, shortlist, hits, error
    }

    /// Searches `query` and describes the hits with their stored documents.
    init(question: String, query: IndexSearcher.EncodedQuery, options: SearchOptions, searcher: IndexSearcher,
         excluding excluded: Int64? = nil) throws {
        self.question = question
        metric = options.metric.rawValue
        outOfVocabulary = query.outOfVocabularyTerms
        guard !query.bag.isEmpty else {
            hits = []
            error = "no word of the question is in the index's vocabulary"
            return
        }
        let extra = excluded == nil ? 0 : 1
        let results = try searcher.search(query, k: options.k + extra, metric: options.metric, radius: options.radius)
        let found = results.hits.filter { $0.id != excluded }.prefix(options.k)
        let fusionDistances = Dictionary(uniqueKeysWithValues: zip(results.hits.map(\.id), results.fusionDistances ?? []))
        let documents = Dictionary(uniqueKeysWithValues: try searcher.store.documents(ids: found.map(\.id)).map { ($0.id, $0) })
        let topics = try searcher.store.topicIDs(of: found.map(\.id))
        let vocabulary = searcher.vocabulary
        let topicWords = Dictionary(uniqueKeysWithValues: try searcher.store.loadTopics().map { topic in
            (topic.id, topic.distinctiveWords.prefix(3).map { term in vocabulary.id(of: term).map { vocabulary.words[Int($0)] } ?? term })
        })
        radius = results.hammingRadius
        shortlist = results.shortlistCount
        hits = found.enumerated().map { rank, hit in
            let document = documents[hit.id]
            return Hit(rank: rank + 1, id: document?.externalID ?? String(hit.id), title: document?.title ?? "",
                       labels: document?.labels ?? [],
                       distance: fusionDistances[hit.id] ?? Self.distance(of: hit, by: options.metric),
                       hamming: hit.hammingDistance, euclidean: Double(hit.euclideanDistance),
                       cosine: Double(hit.cosineDistance), topic: topics[hit.id],
                       topicWords: topics[hit.id].flatMap { topicWords[$0] },
                       snippet: snippet(document?.excerpt ?? ""), source: document?.source ?? "")
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

    var text: String {
        var lines: [String] = []
        if !outOfVocabulary.isEmpty { lines.append("not in vocabulary: \(outOfVocabulary.joined(separator: ", "))") }
        if let error { return (lines + [error + ": nothing to search for"]).joined(separator: "\n") }
        if hits.isEmpty { lines.append("no documents found" + (radius.map { " within Hamming radius \($0)" } ?? "")) }
        for hit in hits {
            let distance: String
            switch metric {
            case SearchMetric.hamming.rawValue: distance = "\(hit.hamming) bits, \(String(format: "%.3f", hit.euclidean))"
            case SearchMetric.hybrid.rawValue: distance = String(format: "fused %.3f, cos %.3f", hit.distance, hit.cosine)
            case SearchMetric.cosine.rawValue: distance = String(format: "cos %.3f", hit.cosine) + ", \(hit.hamming) bits"
            default: distance = String(format: "%.3f", hit.euclidean) + ", \(hit.hamming) bits"
            }
            var header = "\(String(hit.rank).leftPadded(to: 3)). [\(distance)] \(hit.id)"
            if !hit.labels.isEmpty { header += "  (\(hit.labels.joined(separator: ", ")))" }
            if let topic = hit.topic {
                header += topic == UnassignedGroup.id ? "  unassigned" : "  topic \(topic)"
                if let words = hit.topicWords, !words.isEmpty, topic != UnassignedGroup.id { header += " (\(words.joined(separator: " ")))" }
            }
            lines.append(header)
            if !hit.title.isEmpty { lines.append("     \(hit.title)") }
            if !hit.snippet.isEmpty { lines.append("     \(hit.snippet)") }
        }
        if let shortlist {
            lines.append(metric == SearchMetric.hybrid.rawValue
                ? "(hybrid: the \(shortlist) documents nearest by code re-ranked with their words)"
                : "(cascade: \(shortlist) documents within Hamming radius \(radius ?? 0) re-ranked)")
        }
        return lines.joined(separator: "\n")
    }
}

/// `text` on one line (white space folded), cut to `limit` characters with an ellipsis.
func snippet(_ text: String, limit: Int = 160) -> String {
    let words = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    return words.count > limit ? String(words.prefix(limit - 1)) + "…" : words
}
