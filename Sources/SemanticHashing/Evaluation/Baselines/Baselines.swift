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
