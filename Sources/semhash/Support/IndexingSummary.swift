import Foundation
import SemanticHashing

/// What `semhash index` and `semhash add` report: the documents read, the model used, the training run.
struct IndexingSummary: Encodable {
    var index: String
    var documentsRead: Int
    /// Of the documents read, those that replaced an indexed document of the same id.
    var replacedDocuments: Int
    var documentsInIndex: Int
    var emptyDocuments: Int
    var skippedFiles: Int
    /// One line per file skipped, naming it and saying why.
    var warnings: [String]
    /// Documents that were not valid UTF-8 and were read as ISO-8859-1 (Latin-1).
    var latin1Documents: Int
    var vocabulary: Int
    var model: String
    var readSeconds: Double
    var trainingSeconds: Double?
    /// The whole command: reading, training, encoding and storing.
    var seconds: Double
    var training: TrainingReport?

    enum CodingKeys: String, CodingKey {
        case index, documentsRead = "documents_read", replacedDocuments = "replaced_documents", documentsInIndex = "documents", emptyDocuments = "empty_documents",
             skippedFiles = "skipped_files", warnings, latin1Documents = "latin1_documents", vocabulary, model, readSeconds = "read_seconds",
             trainingSeconds = "training_seconds", seconds, training
    }

    init(index: String, ingested: IngestionResult, model: SemanticHashingModel, training: TrainingReport?,
         documentsInIndex: Int, seconds: Double) {
        self.index = index
        documentsRead = ingested.ids.count
        replacedDocuments = ingested.replacedCount
        self.documentsInIndex = documentsInIndex
        emptyDocuments = ingested.emptyDocumentCount
        skippedFiles = ingested.corpus.binarySkippedCount + ingested.corpus.unreadableSkippedCount
        warnings = ingested.corpus.warnings
        latin1Documents = ingested.corpus.latin1DecodedCount
        vocabulary = ingested.vocabulary.count
        self.model = model.architectureDescription
        readSeconds = ingested.seconds
        trainingSeconds = training?.totalSeconds
        self.training = training
        self.seconds = seconds
    }

    var text: String {
        let replacing = replacedDocuments == 0 ? ""
            : ", \(replacedDocuments) of them replacing \(replacedDocuments.agreeing("a document", "documents")) of the same id"
        var lines = ["indexed \(documentsRead.counting("document")) into \(index)\(replacing) (\(documentsInIndex) in all) in "
                     + String(format: "%.1f s", seconds)]
        if emptyDocuments > 0 {
            lines.append("\(emptyDocuments.counting("document")) \(emptyDocuments.agreeing("has", "have")) no vocabulary word: stored, but never an answer")
        }
        if skippedFiles > 0 { lines.append("\(skippedFiles.counting("file")) skipped (binary or unreadable)") }
        if latin1Documents > 0 {
            lines.append("\(latin1Documents.counting("document")) \(latin1Documents.agreeing("is", "are")) not valid UTF-8: read as Latin-1 (ISO-8859-1)")
        }
        lines.append("model \(model)" + (trainingSeconds.map { String(format: ", trained in %.1f s", $0) } ?? ""))
        return lines.joined(separator: "\n")
    }
}
