import Foundation

/// Settings stored in the index as JSON text (sorted keys, so equal settings store equal text).
public enum JSONText {
    public static func encode<Value: Encodable>(_ value: Value) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    public static func decode<Value: Decodable>(_ type: Value.Type, from text: String) throws -> Value {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}

extension IndexStore {
    /// The text settings the index's vocabulary was built with, or nil for an index without them. A stored
    /// text that does not read as a `TextConfiguration` fails with `IndexError.corrupt`, quoting it.
    public func storedTextConfiguration() throws(IndexError) -> TextConfiguration? {
        guard let text = try setting(.textConfiguration) else { return nil }
        do {
            return try JSONText.decode(TextConfiguration.self, from: text)
        } catch {
            throw .corrupt(path, "its text configuration does not read: \(text)")
        }
    }
}

/// Lists of strings (labels, topic words) as the JSON arrays the index stores them as.
enum JSONStringArray {
    /// `strings` as a compact JSON array (RFC 8259): quotes, backslashes and control characters escaped,
    /// everything else written as is. Written by hand because `JSONEncoder` costs more than the SQLite
    /// insert it feeds when storing documents in bulk; tests decode its output with `JSONDecoder`.
    static func encode(_ strings: [String]) -> String {
        var json = "["
        for (index, string) in strings.enumerated() {
            if index > 0 { json.append(",") }
            json.append("\"")
            for scalar in string.unicodeScalars {
                switch scalar {
                case "\"": json.append("\\\"")
                case "\\": json.append("\\\\")
                case "\n": json.append("\\n")
                case "\r": json.append("\\r")
                case "\t": json.append("\\t")
                case _ where scalar.value < 0x20:
                    let hex = String(scalar.value, radix: 16)
                    json.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                default: json.unicodeScalars.append(scalar)
                }
            }
            json.append("\"")
        }
        json.append("]")
        return json
    }

    /// The strings of a JSON array, or nil when `json` is not an array of strings.
    static func decode(_ json: String) -> [String]? {
        try? JSONDecoder().decode([String].self, from: Data(json.utf8))
    }
}
