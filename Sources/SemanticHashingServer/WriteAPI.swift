import Foundation
import Hummingbird
import NIOCore
import SemanticHashing

/// The handlers that change the index: `POST /api/documents` and `DELETE /api/documents/{id}`, accepted
/// only with `Authorization: Bearer <token>` when the server was given a token, refused when it was not.
/// They write through `writes`: into the served file, or into the store a replica follows.
struct WriteAPI: Sendable {
    let writes: any DocumentWrites
    let configuration: ServerConfiguration

    /// One document of a `POST /api/documents` body.
    struct NewDocument: Decodable {
        var id: String
        var text: String
        var title: String?
        var labels: [String]?
    }

    /// What `POST /api/documents` answers.
    struct Added: Encodable {
        /// The ids stored (added or replaced), in the order given.
        var added: [String]
        /// Of those, the documents without a vocabulary word (stored, never a hit).
        var emptyDocuments: Int
        /// Documents in the index afterwards.
        var documents: Int

        enum CodingKeys: String, CodingKey { case added, emptyDocuments = "empty_documents", documents }
    }

    /// `POST /api/documents`: a JSON array of `{id, text, title, labels}`, tokenized and encoded with the
    /// stored model (no retraining) and stored in one transaction; a document whose id exists is replaced.
    func add(_ request: Request) async throws -> Response {
        try authorize(request)
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: configuration.maximumBodyBytes)
        } catch is NIOTooManyBytesError {
            let limit = configuration.maximumBodyBytes
            throw APIError(.contentTooLarge, "the body is over the limit of "
                + (limit % (1 << 20) == 0 ? "\(limit >> 20) MiB" : "\(limit) bytes") + ": send the documents in several requests")
        }
        let documents: [NewDocument]
        do {
            documents = try JSONDecoder().decode([NewDocument].self, from: Data(buffer: body))
        } catch {
            throw APIError(.badRequest, "the body must be a JSON array of {\"id\", \"text\", \"title\", \"labels\"} objects: \(Self.reason(error))")
        }
        guard !documents.isEmpty else { throw APIError(.badRequest, "the body holds no document") }
        for (position, document) in documents.enumerated() {
            if let problem = Document.problem(withID: document.id) {
                throw APIError(.badRequest, "the id of document \(position) \(problem)")
            }
        }
        var seen: Set<String> = []
        if let repeated = documents.first(where: { !seen.insert($0.id).inserted }) {
            throw APIError(.badRequest, "the id '\(repeated.id)' appears twice in the body: each document once")
        }
        let stored = try await writes.add(documents.map {
            Document(id: $0.id, title: $0.title ?? DocumentTitle.firstLine(of: $0.text), titleIsSeparateField: $0.title != nil,
                     text: $0.text, labels: $0.labels ?? [], source: "POST /api/documents")
        }, describing: "POST /api/documents")
        let added = Added(added: documents.map(\.id), emptyDocuments: stored.emptyDocuments, documents: stored.documents)
        return JSONBody.response(added, status: .created)
    }

    /// `DELETE /api/documents/{id}`: removes the document with its code and topic assignment; the same
    /// JSON as `semhash remove --json`.
    func remove(_ request: Request) async throws -> Response {
        try authorize(request)
        let id = try Route.removeDocument.trailingParameter(of: request.uri.path)
        let outcome = try await writes.remove(externalID: id)
        guard outcome.removed > 0 else { throw APIError(.notFound, "no document with id '\(id)' in the index") }
        return JSONBody.response(["removed": outcome.removed, "not_found": 0, "documents": outcome.documents])
    }

    private func authorize(_ request: Request) throws {
        guard let token = configuration.writeToken else {
            throw APIError(.forbidden, "this server is read-only: start it with a write token to add or remove documents")
        }
        guard token.isCarried(by: request.headers[.authorization]) else {
            throw APIError(.unauthorized, "writes need the header Authorization: Bearer <token>",
                           headers: [.wwwAuthenticate: "Bearer"])
        }
    }

    /// A decoding error in a sentence.
    private static func reason(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "\(path(context.codingPath)) has no \"\(key.stringValue)\""
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        case DecodingError.dataCorrupted:
            return "not valid JSON"
        default:
            return String(describing: error)
        }
    }

    private static func path(_ codingPath: [any CodingKey]) -> String {
        codingPath.isEmpty ? "the body" : "document " + codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }
            .joined(separator: ".")
    }
}
