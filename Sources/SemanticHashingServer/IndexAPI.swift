import Foundation
import Hummingbird
import SemanticHashing

/// The handlers of the JSON API: each parses and checks its request, asks `ServedIndex`, and returns the
/// same JSON objects as the command line's `--json` (`SearchAnswer`, `TopicListing`, `IndexSummary`).
struct IndexAPI: Sendable {
    let index: ServedIndex
    let configuration: ServerConfiguration

    /// `GET /api/ask?q=&k=&metric=&radius=`: `semhash ask --json`. A question without a vocabulary word is
    /// answered 422 with the answer (its `error` and `out_of_vocabulary`).
    func ask(_ request: Request) throws -> Response {
        let parameters = try QueryParameters(request)
        guard let question = parameters["q"], !question.allSatisfy(\.isWhitespace) else {
            throw APIError(.badRequest, "ask needs a question: /api/ask?q=your+question")
        }
        guard question.utf8.count <= configuration.maximumQuestionBytes else {
            throw APIError(.uriTooLong, "the question is \(question.utf8.count) bytes long; at most \(configuration.maximumQuestionBytes) are read")
        }
        let searchRequest = try self.searchRequest(parameters)
        let answer = try index.readCurrent { state, store in
            try state.answer(question: question, query: try state.encode(question), request: searchRequest, store: store)
        }
        return JSONBody.response(answer, status: answer.error == nil ? .ok : .unprocessableContent)
    }

    /// `GET /api/similar/{id}?k=&metric=&radius=`: `semhash similar --json`.
    func similar(_ request: Request) throws -> Response {
        let id = try Route.similar.trailingParameter(of: request.uri.path)
        let searchRequest = try self.searchRequest(try QueryParameters(request))
        let answer = try index.readCurrent { state, store in
            guard let document = try store.document(externalID: id),
                  let bag = try store.bags(ids: [document.id])[document.id] else {
                throw APIError(.notFound, "no document with id '\(id)' in the index")
            }
            return try state.answer(question: id, query: state.snapshot.encode(bag: bag), request: searchRequest,
                                    store: store, excluding: document.id)
        }
        return JSONBody.response(answer, status: answer.error == nil ? .ok : .unprocessableContent)
    }

    /// `GET /api/documents/{id}`: a stored document with its topic and excerpt.
    func document(_ request: Request) throws -> Response {
        let id = try Route.document.trailingParameter(of: request.uri.path)
        let view = try index.read { store -> DocumentView in
            guard let document = try store.document(externalID: id) else {
                throw APIError(.notFound, "no document with id '\(id)' in the index")
            }
            return DocumentView(document, topic: try store.topicIDs(of: [document.id])[document.id])
        }
        return JSONBody.response(view)
    }

    /// `GET /api/topics?limit=`: every topic as `topics show --json` lists it, with `limit` documents
    /// (`TopicListing.standardDocumentCountPerTopic` by default).
    func topics(_ request: Request) throws -> Response {
        // The router also sends `/api/topics/` here: a topic's route with its id left out, not the list.
        guard request.uri.path == Route.topics.path else {
            throw APIError(.notFound, "no topic '': topics are named by number, or unassigned (`/api/topics/{id}`)")
        }
        let limit = try QueryParameters(request).integer("limit", in: 0...configuration.maximumResults,
                                                         default: TopicListing.standardDocumentCountPerTopic)!
        let topics = try index.read { try TopicListing.all(limit: limit, store: $0) }
        return JSONBody.response(["topics": topics])
    }

    /// `GET /api/topics/{id}?limit=`: `semhash topics show <id> --json` (`TopicListing.standardDocumentCount`
    /// documents by default).
    func topic(_ request: Request) throws -> Response {
        let text = try Route.topic.trailingParameter(of: request.uri.path)
        let limit = try QueryParameters(request).integer("limit", in: 0...configuration.maximumResults, default: TopicListing.standardDocumentCount)!
        let id = UnassignedGroup.topicID(named: text)
        let listing = try index.read { store -> TopicListing in
            guard let id, let topic = try TopicListing(topic: id, limit: limit, store: store) else {
                let count = try store.loadTopics().filter(\.isPlaced).count
                if count == 0 { throw APIError(.notFound, "the index has no topics yet (semhash topics finds them)") }
                if id == UnassignedGroup.id {
                    throw APIError(.notFound, "no document is unassigned: every document is in a topic")
                }
                throw APIError(.notFound, "no topic '\(text)': topics are 0…\(count - 1), and unassigned (or \(UnassignedGroup.id)) for the documents in none")
            }
            return topic
        }
        return JSONBody.response(listing)
    }

    /// `GET /api/topic-map.svg?layout=tsne|pca`: the map `semhash topics --plot [--layout]` draws, of the stored
    /// topics; drawn once per layout and state (t-SNE takes seconds on 20 Newsgroups, PCA milliseconds).
    func topicMap(_ request: Request) throws -> Response {
        var layout = TopicMapLayout.standard
        if let name = try QueryParameters(request)["layout"] {
            guard let named = TopicMapLayout(rawValue: name) else {
                throw APIError(.badRequest, "layout must be one of \(TopicMapLayout.allCases.map(\.rawValue).joined(separator: ", ")), got '\(name)'")
            }
            layout = named
        }
        let svg = try index.readCurrent { state, store in
            try state.topicMaps[layout == .tsne ? 0 : 1].get {
                try StoredTopicMap.svg(store: store, codes: state.snapshot.engine.codes,
                                       vocabulary: state.snapshot.vocabulary, layout: layout)
            }
        }
        return Response(status: .ok, headers: [.contentType: "image/svg+xml; charset=utf-8"],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: svg)))
    }

    /// `GET /api/info?terms=`: `semhash info --json`.
    func info(_ request: Request) throws -> Response {
        let terms = try QueryParameters(request).integer("terms", in: 0...configuration.maximumResults, default: IndexSummary.standardTopTermCount)!
        return JSONBody.response(try index.read { try IndexSummary(of: $0, topTermCount: terms) })
    }

    /// `GET /healthz`: the server answers, with the documents it searches and how often it reloaded; a
    /// replica that cannot follow its store says "stale", why and for how long (still 200: it answers
    /// searches from the copy it has).
    func health(_ request: Request) throws -> Response {
        let state = index.current
        let problem = configuration.followingProblem?()
        return JSONBody.response(HealthReport(status: problem == nil ? "ok" : "stale", documents: state.snapshot.engine.codes.count,
                                              generation: state.generation, staleReason: problem?.reason,
                                              staleSeconds: problem.map { ($0.seconds * 10).rounded() / 10 }))
    }

    /// The search settings of `parameters`, checked: `k` 1…maximum (`SearchRequest.standardCount`), `metric` (`SearchMetric.standard`),
    /// `radius` 0…bits.
    private func searchRequest(_ parameters: QueryParameters) throws -> SearchRequest {
        let k = try parameters.integer("k", in: 1...configuration.maximumResults, default: SearchRequest.standardCount)!
        var metric = SearchMetric.standard
        if let name = parameters["metric"] {
            guard let named = SearchMetric(rawValue: name) else {
                throw APIError(.badRequest, "metric must be one of \(SearchMetric.allCases.map(\.rawValue).joined(separator: ", ")), got '\(name)'")
            }
            metric = named
        }
        let bits = index.current.snapshot.encoder.hashBitCount
        let radius = try parameters.integer("radius", in: 0...bits)
        if radius != nil && (metric == .euclidean || metric == .cosine || metric == .hybrid) {
            throw APIError(.badRequest, "radius applies to hamming and cascade searches, not \(metric.rawValue)")
        }
        return SearchRequest(k: k, metric: metric, radius: radius)
    }
}

/// `GET /healthz`.
struct HealthReport: Encodable {
    /// "ok", or "stale" for a replica that cannot follow its store.
    var status: String
    /// Documents with a code, in the state being served.
    var documents: Int
    /// How many times the server has loaded a new state of the index.
    var generation: Int
    /// For a stale replica: why it is not following its store, and for how many seconds.
    var staleReason: String?
    var staleSeconds: Double?

    enum CodingKeys: String, CodingKey {
        case status, documents, generation, staleReason = "stale_reason", staleSeconds = "stale_seconds"
    }
}

/// `GET /api/documents/{id}`: a document as the index keeps it.
struct DocumentView: Encodable {
    var id: String
    var title: String
    var labels: [String]
    var topic: Int?
    var source: String
    /// The first characters of the text (the index keeps `IndexOptions.excerptLength` of them).
    var excerpt: String
    var tokenCount: Int
    var outOfVocabularyCount: Int
    /// True when no word of the document is in the vocabulary: its code, that of an empty bag, carries no meaning.
    var empty: Bool

    enum CodingKeys: String, CodingKey {
        case id, title, labels, topic, source, excerpt, tokenCount = "token_count",
             outOfVocabularyCount = "out_of_vocabulary_count", empty
    }

    init(_ document: StoredDocument, topic: Int?) {
        id = document.externalID
        title = document.title
        labels = document.labels
        self.topic = topic
        source = document.source
        excerpt = document.excerpt
        tokenCount = document.tokenCount
        outOfVocabularyCount = document.outOfVocabularyCount
        empty = document.isEmpty
    }
}
