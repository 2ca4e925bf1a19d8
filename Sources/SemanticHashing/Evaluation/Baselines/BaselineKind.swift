import Foundation

/// The baselines a `--baseline` flag can name.
public enum BaselineKind: String, CaseIterable, Sendable, Codable {
    /// TF-IDF cosine over the full vocabulary (`TFIDFBaseline`).
    case tfidf
    /// Okapi BM25 (`BM25Baseline`).
    case bm25
    /// LSA at the model's code dimension, cosine (`LSABaseline`).
    case lsa
    /// LSA at 128 dimensions, cosine (`LSABaseline`).
    case lsa128
    /// Random-hyperplane LSH on TF-IDF at the model's hash length, Hamming (`LSHBaseline`).
    case lsh
    /// LSA thresholded at the medians at the model's hash length, Hamming (`LSAThresholdBaseline`).
    case lsaBits = "lsa-bits"

    /// One line for help text.
    public var summary: String {
        switch self {
        case .tfidf: return "TF-IDF vectors (log-scaled term frequency), cosine distance (exact)"
        case .bm25: return "Okapi BM25 (k1 1.2, b 0.75)"
        case .lsa: return "LSA at the model's code dimension, cosine distance"
        case .lsa128: return "LSA at 128 dimensions, cosine distance"
        case .lsh: return "random-hyperplane LSH bits on TF-IDF, Hamming distance"
        case .lsaBits: return "LSA dimensions thresholded at their medians, Hamming distance"
        }
    }

    /// Parses a comma-separated list such as `tfidf,lsa,lsh` (spaces around names are ignored, repeated
    /// names kept once, in first-seen order).
    public static func parseList(_ text: String) throws(EvaluationError) -> [BaselineKind] {
        var kinds: [BaselineKind] = []
        for part in text.split(separator: ",") {
            let name = part.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { continue }
            guard let kind = BaselineKind(rawValue: name.lowercased()) else { throw .unknownBaseline(name: name) }
            if !kinds.contains(kind) { kinds.append(kind) }
        }
        return kinds
    }
}
