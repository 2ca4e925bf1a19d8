import Foundation

/// A document given by hand as a JSON object, `{"id": "...", "text": "...", "title": "...", "labels": ["..."]}`:
/// a line of a JSONL corpus (`JSONLCorpus`) or an element of the array a server's `POST /api/documents` reads.
///
/// `id` and `text` are required strings; `title` (a string) and `labels` (an array of strings) are optional;
/// other fields are ignored. One type for both, so that a record means the same document, and a broken one
/// is explained in the same words, whichever way it arrives.
public struct DocumentRecord: Decodable, Sendable {
    public var id: String
    public var text: String
    public var title: String?
    public var labels: [String]?

    /// What makes the record unusable as a document, in the words of `reason(for:)`, or nil. The id must not
    /// be blank, and must not break a line, since answers print one id to a line. Neither the id nor a label
    /// may hold a NUL character (U+0000, `\u0000` in JSON), which a PostgreSQL store cannot hold; in the
    /// title and text, `document` turns one into a space.
    public var problem: String? {
        if id.allSatisfy(\.isWhitespace) { return #"field "id" is empty"# }
        if id.contains(where: \.isNewline) { return #"field "id" holds a line break"# }
        if id.unicodeScalars.contains("\0") { return #"field "id" holds a NUL character (\u0000)"# }
        if (labels ?? []).contains(where: { $0.unicodeScalars.contains("\0") }) {
            return #"field "labels" holds a NUL character (\u0000)"#
        }
        return nil
    }

    /// The document the record describes, its text cleaned by `cleaning`, found at `source`. The title is the
    /// record's own when it has one (a field of its own, so it may add words: `Document.titleIsSeparateField`),
    /// else the one `cleaning` derives (`TextCleaning.none`: the text's first non-empty line).
    public func document(source: String, cleaning: TextCleaning = .none) -> Document {
        func withoutNUL(_ text: String) -> String {
            text.unicodeScalars.contains("\0") ? text.replacingOccurrences(of: "\0", with: " ") : text
        }
        let cleaned = cleaning.apply(to: withoutNUL(text))
        let title = self.title.map(withoutNUL)
        return Document(id: id, title: title ?? cleaned.title, titleIsSeparateField: title != nil, text: cleaned.text,
                        labels: labels ?? [], source: source)
    }

    /// Why JSON did not decode as a `DocumentRecord` or an array of them, in one line: the field at fault
    /// (`field "id" must be a string`, `missing required field "text"`), led by the record's position in
    /// the array when there is one (`document 2: ...`).
    public static func reason(for error: DecodingError) -> String {
        switch error {
        case let .keyNotFound(key, context):
            return located(context, "missing required field \"\(key.stringValue)\"")
        case let .valueNotFound(type, context):
            let name = field(context)
            return located(context, name.isEmpty ? expected(type) : "field \"\(name)\" is null")
        case let .typeMismatch(type, context):
            let name = field(context)
            if name.isEmpty { return located(context, expected(type)) }
            return located(context, name.hasPrefix("labels") ? "\"labels\" must be an array of strings"
                           : "field \"\(name)\" must be a string")
        case let .dataCorrupted(context):
            let detail = (context.underlyingError as? NSError)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return "not valid JSON" + (detail.map { ": \($0)" } ?? "")
        @unknown default:
            return "not a document object: \(error)"
        }
    }

    /// The record's position in an array: the coding path's leading index, if it has one.
    private static func position(_ context: DecodingError.Context) -> Int? {
        context.codingPath.first?.intValue
    }

    /// The path within the record, as `labels.[0]`; empty for the record itself.
    private static func field(_ context: DecodingError.Context) -> String {
        context.codingPath.dropFirst(position(context) == nil ? 0 : 1)
            .map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }

    /// What a record, or the array of them, should have been.
    private static func expected(_ type: Any.Type) -> String {
        ObjectIdentifier(type) == ObjectIdentifier([Any].self) ? "expected a JSON array" : "expected a JSON object"
    }

    private static func located(_ context: DecodingError.Context, _ reason: String) -> String {
        position(context).map { "document \($0): \(reason)" } ?? reason
    }
}
