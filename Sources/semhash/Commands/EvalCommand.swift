import ArgumentParser
import Foundation
import SemanticHashing

struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure retrieval quality against labels: precision@k, precision-recall, MAP, beside baselines.",
        discussion: """
            The index's documents are the database; each query document is encoded with the index's model and \
            ranked against the whole database; a retrieved document is relevant when it shares a label with the \
            query. Ties in distance are broken by a fixed seeded permutation of the database. Precision at a \
            recall level is interpolated: the best precision at that recall or beyond.
            """
    )

    @OptionGroup var location: IndexLocationOptions

    @Option(name: .long, help: ArgumentHelp("The query corpus (labelled).", valueName: "corpus"))
    var queries: String

    @OptionGroup(title: "Query corpus") var corpusOptions: CorpusOptions

    @Option(name: .long, help: ArgumentHelp("How the model ranks, as `ask --metric` does: \(SearchMetric.allCases.map(\.rawValue).joined(separator: ", ")). Repeat to measure several; default \(SearchMetric.standard.rawValue), ask's default.", valueName: "metric"))
    var metric: [SearchMetric] = [.standard]

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Shortlist size of the cascade and hybrid metrics (defaults: \(SearchConfiguration().shortlistSize(k: 100)) and \(LexicalReranking().shortlistSize)).", valueName: "n"))
    var shortlist: Int?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("The words' share of the hybrid metric's fused score, 0 (codes only) to 1 (words only; default \(LexicalReranking().lexicalWeight)).", valueName: "w"))
    var lexicalWeight: Double?

    @Option(name: .long, help: ArgumentHelp("Baselines beside the model, comma-separated: \(BaselineKind.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "list"))
    var baseline: String?

    @Option(name: .long, help: ArgumentHelp("Write curves (CSV), a precision-recall chart (SVG), a summary (markdown) and the results (JSON) here.", valueName: "dir"))
    var out: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Seed of the tie-breaking permutation.", valueName: "n"))
    var seed = EvaluationConfiguration().tieBreakingSeed

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let shortlist, shortlist < 1 { throw ValidationError("--shortlist must be at least 1") }
        if lexicalWeight != nil && !metric.contains(.hybrid) {
            throw ValidationError("--lexical-weight applies to the hybrid metric, which is not measured here")
        }
        if shortlist != nil && !metric.contains(.hybrid) && !metric.contains(.cascade) {
            throw ValidationError("--shortlist applies to the hybrid and cascade metrics, neither measured here")
        }
        if let baseline {
            do { _ = try BaselineKind.parseList(baseline) } catch { throw ValidationError("\(error)") }
        }
        if let lexicalWeight, !(0...1).contains(lexicalWeight) { throw ValidationError("--lexical-weight must lie between 0 and 1") }
    }

    func run() async throws {
        if let out { try OutputPath.checkFolder(out, option: "--out") }
        try await location.withReadableIndex { path, name in try evaluate(path: path, name: name) }
    }

    /// Reads the index at `path` (`name` in messages) and the queries, ranks the database with every method,
    /// notes what skews the figures, then writes and prints the results.
    private func evaluate(path: String, name: String) throws {
        let progress = ProgressPrinter(quiet: output.quiet || output.json)
        progress.noteSlowerBLASKernels()
        let store = try IndexStore.open(at: path, mode: .readOnly)
        progress.update("reading the index and the queries", force: true)
        let data = try evaluationData(from: store, progress: progress)
        let baselines = try baseline.map { try BaselineKind.parseList($0) } ?? []
        let methods = try retrievalMethods(measuredOn: data, baselines: baselines, index: name, progress: progress)
        guard !methods.isEmpty else { throw CommandError.nothingToEvaluate(index: name, interruptedTraining: try store.hasTrainingCheckpoint()) }
        var configuration = EvaluationConfiguration()
        configuration.tieBreakingSeed = seed
        let results = evaluate(methods, on: data, configuration: configuration, progress: progress)
        noteCaveats(data: data, configuration: configuration, results: results, progress: progress)
        try report(results, baselines: baselines, index: name, progress: progress)
    }

    /// The index's documents and the queries, with the shortlist and lexical weight asked for; notes queries
    /// read without the cleaning the index's corpus was read with.
    private func evaluationData(from store: IndexStore, progress: ProgressPrinter) throws -> IndexEvaluationData {
        let source = try corpusOptions.source(at: queries)
        if let note = corpusOptions.cleaningNote(for: source, indexMetadata: try store.metadata()) { progress.log(note) }
        var data = try IndexEvaluationData(store: store, queries: source)
        if let lexicalWeight { data.reranking.lexicalWeight = lexicalWeight }
        if let shortlist {
            data.cascadeShortlistSize = shortlist
            data.reranking.shortlistSize = shortlist
        }
        return data
    }

    /// The model's metrics (none when the index has no model yet), each once, then the baselines, built.
    private func retrievalMethods(measuredOn data: IndexEvaluationData, baselines: [BaselineKind], index name: String,
                                  progress: ProgressPrinter) throws -> [any RetrievalMethod] {
        var methods: [any RetrievalMethod] = metric.uniqued().compactMap { data.modelMethod($0) }
        if methods.isEmpty { progress.log("\(name) has no model yet: evaluating the baselines alone") }
        if !baselines.isEmpty {
            progress.update("building baselines: \(baselines.map(\.rawValue).joined(separator: ", "))", force: true)
            let standard = BaselineSettings()
            let settings = BaselineSettings(codeDimension: data.model?.codeSize ?? standard.codeDimension,
                                            bitCount: data.model?.hashBitCount ?? standard.bitCount, seed: seed)
            methods += try Baselines.build(baselines, corpus: data.baselineCorpus, settings: settings)
        }
        return methods
    }

    /// Each method's ranking of the database for every query, scored, in the order of `methods`.
    private func evaluate(_ methods: [any RetrievalMethod], on data: IndexEvaluationData,
                          configuration: EvaluationConfiguration, progress: ProgressPrinter) -> [EvaluationResult] {
        let evaluator = RetrievalEvaluator(labels: data.relevance, configuration: configuration)
        var results: [EvaluationResult] = []
        for method in methods {
            progress.update("evaluating \(method.name) on \(data.queryBags.count) queries × \(data.databaseIDs.count) documents", force: true)
            results.append(evaluator.evaluate(method))
        }
        progress.finishLine()
        return results
    }

    /// Notes what flatters or blunts the figures: queries the index holds, queries without a vocabulary
    /// word, fewer documents than the deepest cutoff, queries skipped for sharing no label.
    private func noteCaveats(data: IndexEvaluationData, configuration: EvaluationConfiguration,
                             results: [EvaluationResult], progress: ProgressPrinter) {
        if data.queriesInDatabase > 0 {
            progress.log("note: \(data.queriesInDatabase) of \(data.queryBags.count.counting("query", plural: "queries")) "
                + "\(data.queriesInDatabase.agreeing("is a document", "are documents")) of the index (the same id) and "
                + "may find \(data.queriesInDatabase.agreeing("itself", "themselves")) first; evaluate on documents the index does not hold")
        }
        let wordless = data.queryBags.filter(\.isEmpty).count
        if wordless > 0 {
            progress.log("note: \(wordless) of \(data.queryBags.count.counting("query", plural: "queries")) "
                + "\(wordless.agreeing("has", "have")) no word of the index's vocabulary; \(wordless.agreeing("it is", "they are")) "
                + "counted, with rankings that carry no meaning")
        }
        if let cutoff = configuration.cutoffs.max(), cutoff > data.databaseIDs.count {
            progress.log("note: the index holds \(data.databaseIDs.count.counting("document")) with codes, fewer than \(cutoff): "
                + "precision at a cutoff beyond that counts the whole ranking")
        }
        if let skipped = results.first?.skippedQueries, skipped > 0 {
            progress.log("warning: \(skipped) of \(data.queryBags.count) queries have no label or share none with the index's documents, and were skipped")
        }
    }

    /// Writes the report files (`--out`), then prints the results: JSON, or the summary and recall tables.
    /// The last `baselines.count` results are the baselines'.
    private func report(_ results: [EvaluationResult], baselines: [BaselineKind], index name: String,
                        progress: ProgressPrinter) throws {
        if let out {
            let files = try EvaluationReportWriter(directory: URL(fileURLWithPath: out)).write(results)
            progress.log("wrote " + files.map(\.path).joined(separator: ", "))
        }
        let modelResults = Array(results.dropLast(baselines.count))
        let baselineResults = zip(baselines.map(\.rawValue), results.suffix(baselines.count)).map { ($0, $1) }
        if output.json {
            try printJSON(EvaluationOutput(models: modelResults, baselines: baselineResults, index: name))
        } else {
            print(EvaluationSummary.markdownTable(results))
            print("Interpolated precision at recall levels:")
            print(RecallTable.markdown(results), terminator: "")
        }
    }
}
