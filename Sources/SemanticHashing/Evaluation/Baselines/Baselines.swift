import Foundation

/// Builds baselines by kind from one corpus, sharing the work they have in common: the TF-IDF vectors are
/// computed once, and one decomposition serves every LSA-based baseline (at the largest size any needs).
public enum Baselines {
    /// The methods for `kinds`, in that order. Throws when a size is out of range (LSA dimensions in
    /// 1...vocabulary size, LSH bits at least 1) or when the decomposition fails.
    public static func build(_ kinds: [BaselineKind], corpus: BaselineCorpus,
                             settings: BaselineSettings = BaselineSettings()) throws(EvaluationError)
        -> [any RetrievalMethod] {
        var lsaDimensions = 0
        for kind in kinds {
            guard let size = size(of: kind, settings) else { continue }
            let allowed = kind == .lsh ? 1...Int.max : 1...corpus.vocabularySize
            guard allowed.contains(size) else {
                throw .invalidBaselineSize(baseline: kind.rawValue, requested: size, allowed: allowed)
            }
            if kind != .lsh { lsaDimensions = max(lsaDimensions, size) }
        }
        var shared = SharedWork(corpus: corpus, lsaDimensions: lsaDimensions, termFrequency: settings.termFrequency)
        var methods: [any RetrievalMethod] = []
        for kind in kinds {
            switch kind {
            case .tfidf:
                methods.append(TFIDFBaseline(tfidf: shared.tfidf))
            case .bm25:
                methods.append(BM25Baseline(corpus: corpus, parameters: settings.bm25))
            case .lsa:
                methods.append(LSABaseline(dimensions: settings.codeDimension, analysis: try shared.analysis(),
                                           tfidf: shared.tfidf))
            case .lsa128:
                methods.append(LSABaseline(dimensions: BaselineSettings.wideLSADimensions,
                                           analysis: try shared.analysis(), tfidf: shared.tfidf))
            case .lsh:
                methods.append(LSHBaseline(bits: settings.bitCount, seed: settings.seed, tfidf: shared.tfidf))
            case .lsaBits:
                methods.append(LSAThresholdBaseline(bits: settings.bitCount, analysis: try shared.analysis(),
                                                    tfidf: shared.tfidf))
            }
        }
        return methods
    }

    /// The dimensions or bits a kind is built with (nil for those without a size).
    private static func size(of kind: BaselineKind, _ settings: BaselineSettings) -> Int? {
        switch kind {
        case .tfidf, .bm25: return nil
        case .lsa: return settings.codeDimension
        case .lsa128: return BaselineSettings.wideLSADimensions
        case .lsh, .lsaBits: return settings.bitCount
        }
    }
}

/// The TF-IDF vectors and the LSA decomposition, each computed on first use.
private struct SharedWork {
    let corpus: BaselineCorpus
    let lsaDimensions: Int
    let termFrequency: TermFrequencyScaling
    private var tfidfCache: TFIDFMatrices?
    private var analysisCache: LatentSemanticAnalysis?

    init(corpus: BaselineCorpus, lsaDimensions: Int, termFrequency: TermFrequencyScaling) {
        self.corpus = corpus
        self.lsaDimensions = lsaDimensions
        self.termFrequency = termFrequency
    }

    var tfidf: TFIDFMatrices {
        mutating get {
            if let tfidfCache { return tfidfCache }
            let matrices = TFIDFMatrices(corpus: corpus, termFrequency: termFrequency)
            tfidfCache = matrices
            return matrices
        }
    }

    mutating func analysis() throws(EvaluationError) -> LatentSemanticAnalysis {
        if let analysisCache { return analysisCache }
        let analysis = try LatentSemanticAnalysis(documents: tfidf.database, dimensions: lsaDimensions)
        analysisCache = analysis
        return analysis
    }
}

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

/// The sizes and seed the baselines are built with, matched to the model they are compared against.
public struct BaselineSettings: Sendable, Equatable {
    /// Dimensions of the `lsa` baseline: the model's code length. Default the default model's (`ModelConfiguration`).
    public var codeDimension: Int
    /// Bits of the `lsh` and `lsa-bits` baselines: the model's hash length. Default the default model's.
    public var bitCount: Int
    /// Seed of the `lsh` hyperplanes. Default 1.
    public var seed: UInt64
    /// BM25 parameters. Default k1 1.2, b 0.75.
    public var bm25: BM25Parameters
    /// The term frequency of the TF-IDF vectors behind the tfidf, lsa, lsh and lsa-bits baselines. Default
    /// `.sublinear`: each baseline at its best.
    public var termFrequency: TermFrequencyScaling

    /// Dimensions of the `lsa128` baseline.
    public static let wideLSADimensions = 128

    public init(codeDimension: Int = ModelConfiguration().codeSize, bitCount: Int = ModelConfiguration().hashBitCount,
                seed: UInt64 = 1,
                bm25: BM25Parameters = BM25Parameters(), termFrequency: TermFrequencyScaling = .sublinear) {
        self.termFrequency = termFrequency
        self.codeDimension = codeDimension
        self.bitCount = bitCount
        self.seed = seed
        self.bm25 = bm25
    }
}

/// A retrieval method that ranks through another one — a baseline is a particular encoding of the documents
/// (TF-IDF vectors, LSA coordinates, LSH bits) searched by a generic method (`CosineCodes`, `HammingCodes`).
/// Conforming types supply their own `name` and the `underlying` method; everything else is forwarded.
public protocol ForwardingRetrievalMethod: RetrievalMethod {
    associatedtype Underlying: RetrievalMethod
    var underlying: Underlying { get }
}

extension ForwardingRetrievalMethod {
    public var metric: String { underlying.metric }
    public var distanceKind: DistanceKind { underlying.distanceKind }
    public var databaseCount: Int { underlying.databaseCount }
    public var queryCount: Int { underlying.queryCount }

    public func distances(forQueries queries: Range<Int>, into buffer: UnsafeMutableBufferPointer<Float>) {
        underlying.distances(forQueries: queries, into: buffer)
    }
}
