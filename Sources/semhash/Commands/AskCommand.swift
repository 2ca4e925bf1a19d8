import ArgumentParser
import Foundation
import SemanticHashing

struct AskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask",
        abstract: "Find the documents closest in meaning to a question.",
        discussion: """
            The question goes through the index's tokenizer, vocabulary and model, like the documents did. Words \
            outside the vocabulary are listed; a question with no vocabulary word is an error (exit status 1; \
            with --questions, a line saying so, and the other questions are answered). Several questions \
            at once: --questions <file> (one per line; - for stdin).
            """
    )

    @Argument(help: ArgumentHelp("The question, quoted or as separate words (omit with --questions).", valueName: "question"))
    var words: [String] = []

    /// The question asked on the command line: its words joined by spaces, as the shell split them.
    private var question: String? { words.isEmpty ? nil : words.joined(separator: " ") }

    @Option(name: .long, help: ArgumentHelp("Read one question per line from this file (- for stdin).", valueName: "file"))
    var questions: String?

    @OptionGroup var location: IndexLocationOptions
    @OptionGroup var search: SearchOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if question != nil && questions != nil { throw ValidationError("give a question or --questions, not both") }
        if question == nil && questions == nil { throw ValidationError(CommandError.noQuestions.description) }
        if let question, question.allSatisfy(\.isWhitespace) {
            throw ValidationError("the question is empty: ask in words, e.g. semhash ask \"rockets and orbits\"")
        }
    }

    func run() async throws {
        let asked = try askedQuestions()
        // Questions are encoded one at a time: a second BLAS thread only adds start-up and spinning.
        BLASThreads.set(1)
        let answers = try await location.withReadableIndex { path, _ in
            let store = try IndexStore.open(at: path, mode: .readOnly)
            // One snapshot for the codes and the hits' documents, whatever another process writes meanwhile.
            return try store.read {
                // Only the questions' words of the model are read: a few kilobytes instead of the whole model.
                let searcher = try IndexSearcher(store: store, encodingOnly: asked)
                return try asked.map { question in
                    try searcher.answer(question: question, query: searcher.encode(question), request: search.request)
                }
            }
        }
        let single = questions == nil
        if single, answers[0].error != nil {
            if output.json { try printJSON(answers[0]) }
            throw CommandError.nothingInVocabulary(question: answers[0].question)
        }
        if output.json {
            if single { try printJSON(answers[0]) } else { try printJSON(["answers": answers]) }
        } else {
            for answer in answers {
                if !single { print("? \(answer.question)") }
                print(answer.text)
                if !single { print() }
            }
        }
    }

    private func askedQuestions() throws -> [String] {
        if let question { return [question] }
        guard let questions else { throw CommandError.noQuestions }
        let text: String
        if questions == "-" {
            text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        } else {
            guard let data = FileManager.default.contents(atPath: questions) else {
                throw CommandError.unreadableQuestions(path: questions)
            }
            text = String(decoding: data, as: UTF8.self)
        }
        let lines = (text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text).split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !lines.isEmpty else { throw CommandError.noQuestions }
        return lines
    }
}
