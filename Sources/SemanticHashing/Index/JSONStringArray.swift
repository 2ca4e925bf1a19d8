import Foundation

/// Lists of strings (labels, topic words) as the JSON arrays the index stores them as.
enum JSONStringArray {
    /// `strings` as a compact JSON array, with `/` left unescaped.
    static func encode(_ strings: [String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(strings), as: UTF8.self)
        } catch {
            preconditionFailure("an array of strings always encodes as JSON: \(error)")
        }
    }

    /// The strings of a JSON array, or nil when `json` is not an array of strings.
    static func decode(_ json: String) -> [String]? {
        try? JSONDecoder().decode([String].self, from: Data(json.utf8))
    }
}
