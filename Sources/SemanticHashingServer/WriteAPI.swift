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

    /// What `POST /api/documents` answers.
    struct Added: Encodable {
        /// The ids stored (added or replaced), in the order given.
        var added: [String]
        /// Of those, the documents that replaced a stored document of the same id.
        var replacedDocuments: Int
        /// Of those, the documents without a vocabulary word (stored, never a hit).
        var emptyDocuments: Int
        /// Documents in the index afterwards.
        var documents: Int

        enum CodingKeys: String, CodingKey {
            case added, replacedDocuments = "replaced_documents", emptyDocuments = "empty_documents", documents
        }
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
        let records: [DocumentRecord]
        do {
            records = try JSONDecoder().decode([DocumentRecord].self, from: Data(buffer: body))
        } catch let error as DecodingError {
            throw APIError(.badRequest, "the body must be a JSON array of {\"id\", \"text\", \"title\", \"labels\"} objects: "
                + DocumentRecord.reason(for: error))
        }
        guard !records.isEmpty else { throw APIError(.badRequest, "the body holds no document") }
        for (position, record) in records.enumerated() {
            if let problem = record.problem { throw APIError(.badRequest, "document \(position): \(problem)") }
        }
        var firstPosition: [String: Int] = [:]
        for (position, record) in records.enumerated() {
            if let first = firstPosition.updateValue(position, forKey: record.id) {
                throw APIError(.badRequest, "document \(position): the id '\(record.id)' is also document \(first)")
            }
        }
        let source = "POST /api/documents"
        let stored = try await writes.add(records.map { $0.document(source: source) }, describing: source)
        let added = Added(added: records.map(\.id), replacedDocuments: stored.replacedDocuments,
                          emptyDocuments: stored.emptyDocuments, documents: stored.documents)
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
}
