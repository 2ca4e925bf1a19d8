import ArgumentParser
import SemanticHashing
import SemanticHashingPostgres
import SemanticHashingServer

/// The command line's half of an error message: the library states what is wrong, and this adds what to do
/// about it, so that every error prints as one line, "fact; advice".
struct AdvisedError: Error, CustomStringConvertible {
    let underlying: any Error
    let advice: String?

    var description: String {
        guard let advice else { return "\(underlying)" }
        return "\(underlying); \(advice)"
    }

    /// `error` with the advice for it, or `error` itself when it is the parser's own or needs no advice.
    static func wrapping(_ error: any Error) -> any Error {
        guard let advice = advice(for: error) else { return error }
        return AdvisedError(underlying: error, advice: advice)
    }

    /// What the user can do about `error`, naming the flags and commands that do it.
    static func advice(for error: any Error) -> String? {
        switch error {
        case let error as IndexError: return advice(for: error)
        case let error as TrainingError: return advice(for: error)
        case let error as ModelError: return advice(for: error)
        case let error as CorpusError: return advice(for: error)
        case let error as EvaluationError: return advice(for: error)
        case let error as TopicError: return advice(for: error)
        case let error as CodesError: return advice(for: error)
        case let error as PostgresStoreError: return advice(for: error)
        case let error as ServerError: return advice(for: error)
        default: return nil
        }
    }

    private static func advice(for error: IndexError) -> String? {
        switch error {
        case .notFound: return "build one with `semhash index`"
        case .folder: return "name the index file with --index <file>"
        case .alreadyExists: return "remove it or choose another index path"
        case .cannotOpen: return "check that the directory exists and is writable"
        case .notAnIndex: return "pass an index built by `semhash index`"
        case .unfinished: return "pass an index built by `semhash index`, or run `semhash index` on it"
        case .newerFormat: return "upgrade semhash to open it"
        case .olderFormat: return "open it for writing once (for example with `semhash add`) to upgrade it"
        case .corrupt: return "move it aside and build it again with `semhash index`"
        case .busy: return "try again when it finishes, or wait longer with --wait <seconds>"
        case .trainingInProgress: return "run the command again when it has stored its model (writers wait up to --wait <seconds>)"
        case .diskFull: return "free some space and run the command again (a training it stopped continues with --resume)"
        case .readOnly: return "make them writable, or work on a copy"
        case .sqlite: return nil
        case let .noDocuments(path): return "run `semhash index <corpus> --index \(path)` first"
        case .notEmpty: return "copy into a new index, or an empty database"
        case let .noModel(path):
            return "run `semhash train --index \(path)` (or `semhash index <corpus> --index \(path)` while it holds no documents)"
        case let .interruptedTraining(path): return "continue it with `semhash train --index \(path) --resume`"
        case let .modelVocabularyMismatch(path): return "retrain it with `semhash train --index \(path)`"
        case .unreadableModel: return "retrain the model with `semhash train`, or copy the index again"
        case .emptyCorpus: return "check the path and --format"
        case .noWords: return "nothing to index; check the corpus, or keep stop words with --keep-stop-words"
        case .noVocabulary: return "index more documents, lower --min-df, or raise --max-df"
        case .changedMeanwhile: return "run the command again"
        case .retrainedMeanwhile: return "run semhash topics again to find topics in the new codes"
        }
    }

    private static func advice(for error: PostgresStoreError) -> String? {
        switch error {
        case .invalidURL: return "write it as postgresql://user@host:port/database (a Unix socket folder: ?host=/folder)"
        case .cannotConnect: return "check that the server runs and accepts this user and database"
        case .connectionLost: return "run the command again once the server is up (nothing half-written stays: each write is one transaction)"
        case let .noStore(url): return "copy an index there first with `semhash copy <index file> \(url)`"
        case .newerFormat: return "upgrade semhash to use it"
        case .corrupt, .codeShapeMismatch:
            return "copy a sound index into a new, empty database with `semhash copy <index file> <url>`"
        case .notEmpty: return "copy into a new, empty database"
        case .hashTooLong: return "train with --bits \(PostgresStore.hashBitRange.upperBound) or fewer, or keep this index in SQLite"
        case .idCollision: return "give one of the two documents another id"
        case .modelMismatch: return "another run wrote to the store meanwhile: run the command again"
        case .vocabularyChanged: return "train again on the store as it is now"
        case .server(_, code: "3D000", _): return "create the database first (createdb <name>), or name another in the URL"
        case .server(_, code: "42501", _): return "connect as a role allowed to read and write the store's schema semhash"
        case .server: return nil
        }
    }

    private static func advice(for error: ServerError) -> String? {
        switch error {
        case .addressInUse: return "choose another --port (0 lets the system pick a free one), or stop what holds it"
        case .unknownHost: return "give --host an address such as 127.0.0.1 or 0.0.0.0, or a name that resolves"
        }
    }

    private static func advice(for error: TrainingError) -> String? {
        switch error {
        case .invalidConfiguration: return "check the model options"
        case .noTrainingDocuments: return "add documents with words of the vocabulary (`semhash add`), or index the corpus anew"
        case .termOutOfRange: return "the index's bags of words are damaged: `semhash check` names them; index them again"
        case .unreadableCheckpoint, .checkpointOfOtherDocuments: return "train again without --resume"
        case .interrupted: return "run the same command with --resume to continue"
        case .decompositionFailed: return "train without the spectral teacher (--spectral-weight 0)"
        case let .diverged(phase, _, _, _, afterPretraining):
            switch phase {
            case .pretraining, .hashHeadPretraining:
                return "scale the pretraining learning rates down with --pretrain-learning-rate-scale, e.g. 0.1"
            case .fineTuning, .hashFineTuning:
                return "lower the fine-tuning learning rate with --fine-tune-learning-rate"
                    + (afterPretraining ? ", or, as the RBMs were pretrained, scale their learning rates down with"
                        + " --pretrain-learning-rate-scale" : "")
            }
        }
    }

    private static func advice(for error: ModelError) -> String? {
        switch error {
        case .notAModel: return "train one with `semhash index`"
        case .unsupportedVersion: return "retrain the model with this build"
        case .truncated: return "the file was cut short, retrain or copy it again"
        case .checksumMismatch: return "the file is damaged, retrain or copy it again"
        case .malformed: return "retrain the model with `semhash train`"
        }
    }

    private static func advice(for error: CorpusError) -> String? {
        switch error {
        case .notFound: return "check the path"
        case .notAFolder, .notAFile: return "check --format"
        case .unreadable: return "check its permissions"
        case .malformedLine: return "each line must be one JSON object with string fields \"id\" (a different one on each line) and \"text\""
        case .malformedQuestion: return "each line must be the labels (comma-separated), a tab and the question"
        case .malformedSGML: return "repair the file or unpack the distribution again"
        case .noReutersFiles: return "pass the unpacked Reuters-21578 distribution"
        }
    }

    private static func advice(for error: EvaluationError) -> String? {
        let howToLabel = "label folder corpora by subfolder, JSONL documents by a \"labels\" array"
        switch error {
        case .indexLabelsNeeded: return "index a labelled corpus (\(howToLabel))"
        case .queryLabelsNeeded: return howToLabel
        case .noSharedLabels: return "evaluate queries labelled like the indexed corpus"
        case .noQueries: return "check --queries and --format"
        case .unknownBaseline: return nil
        case .invalidBaselineSize: return "ask for a size in that range"
        case .decompositionFailed: return nil
        case .cannotWrite: return "check that the directory exists and is writable"
        }
    }

    private static func advice(for error: TopicError) -> String? {
        switch error {
        case .noDocuments: return "index some documents first"
        case .nothingToPlace: return "lower --minimum-words"
        case .tooFewDocuments: return "ask for fewer topics (--count)"
        case .invalidCount: return nil
        case .cannotWriteMap: return "check that the directory exists and is writable"
        case .codesTooNarrow: return "the topics were saved; leave out --plot, or index with --code 2 or more for a map"
        case .math: return nil
        }
    }

    private static func advice(for error: CodesError) -> String? {
        switch error {
        case .mismatchedCounts: return "rebuild it with `semhash index`"
        case .duplicateID: return "remove it first to replace it"
        case .mismatchedCode: return "rebuild the index or re-encode the document"
        }
    }
}
