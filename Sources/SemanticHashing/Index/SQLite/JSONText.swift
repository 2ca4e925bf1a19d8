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
    /// The text settings the index's vocabulary was built with, or nil for an index without them.
    public func storedTextConfiguration() throws -> TextConfiguration? {
        guard let text = try setting(.textConfiguration) else { return nil }
        return try JSONText.decode(TextConfiguration.self, from: text)
    }
}
