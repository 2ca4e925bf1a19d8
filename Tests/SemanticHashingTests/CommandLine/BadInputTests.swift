import Foundation
@testable import SemanticHashing
import XCTest

/// The bad-input matrix: every kind of broken corpus or index gets a one-line actionable error and a
/// non-zero exit from the real `semhash` binary (or, where skipping is right, success with a warning),
/// never a crash, and leaves an existing index as it was.
final class BadInputTests: CommandLineTestCase {
    /// Every command that opens an index, with the arguments it needs besides `--index`.
    private static let commandsOnAnIndex: [[String]] = [
        ["info"], ["check"], ["ask", "rockets"], ["similar", "space/launch-window.txt"], ["topics", "show", "0"],
        ["eval", "--queries", samples, "--quiet"], ["add", samples, "--quiet"], ["remove", "space/launch-window.txt"],
        ["train", "--quiet"] + smallModel, ["topics", "--count", "2", "--quiet"],
    ]
    /// The commands that change an index.
    private static let writingCommands: [[String]] = [
        ["add", samples, "--quiet"], ["remove", "space/launch-window.txt"], ["train", "--quiet"] + smallModel,
        ["topics", "--count", "2", "--quiet"], ["index", samples, "--quiet"],
    ]

    // MARK: Corpora

    func testAMissingCorpusPathIsNamed() throws {
        let index = path("new.sqlite")
        let missing = try run(["index", path("nowhere"), "--index", index])
        assertOneLineError(missing, mentioning: ["nowhere: no such file or folder", "check the path"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: index), "no index is created for a missing corpus")

        let existing = try indexSamples()
        let before = try contents(existing)
        let added = try run(["add", path("nowhere"), "--index", existing])
        assertOneLineError(added, mentioning: ["nowhere: no such file or folder"])
        XCTAssertEqual(try contents(existing), before)
    }

    func testAnUnreadableCorpusFileOrFolderIsReported() throws {
        guard geteuid() != 0 else {
            throw XCTSkip("running as root: chmod 000 does not stop root from reading, so nothing is unreadable")
        }
        let file = path("corpus.jsonl")
        try write(#"{"id": "a", "text": "rockets"}"# + "\n", to: file)
        let folder = path("folder")
        try write("rockets and orbits", to: path("folder/space/a.txt"))
        for locked in [file, folder] { XCTAssertEqual(chmod(locked, 0), 0) }
        defer { for locked in [file, folder] { chmod(locked, 0o755) } }
        assertOneLineError(try run(["index", file, "--format", "jsonl", "--index", path("a.sqlite"), "--quiet"]),
                           mentioning: ["corpus.jsonl: cannot read: Permission denied"])
        assertOneLineError(try run(["index", folder, "--index", path("b.sqlite"), "--quiet"]),
                           mentioning: ["folder: cannot read: Permission denied"])
    }

    /// A corpus whose every term is in too few documents or in too many makes no vocabulary; the advice names
    /// both limits, since either can be the cause, and no index is left behind.
    func testNoVocabularyNamesBothDocumentFrequencyLimits() throws {
        let index = path("none.sqlite")
        let refused = try run(["index", Self.samples, "--index", index, "--max-df", "0.01"])
        XCTAssertEqual(refused.status, 1)
        XCTAssertEqual(refused.stderr, "Error: no term of \(Self.samples) occurs in enough of its documents, and in few enough, "
                       + "to enter the vocabulary; index more documents, lower --min-df, or raise --max-df\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: index))
    }

    func testAMissingIndexIsNamedByEveryCommand() throws {
        let index = path("missing.sqlite")
        for command in Self.commandsOnAnIndex {
            assertOneLineError(try run(command + ["--index", index]),
                               mentioning: ["no semhash index at \(index)", "semhash index"], command)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: index), "no command creates a missing index")
    }

    func testAMissingQuestionsFileIsNamed() throws {
        let index = try indexSamples()
        assertOneLineError(try run(["ask", "--questions", path("questions.txt"), "--index", index]),
                           mentioning: ["cannot read the questions file \(path("questions.txt"))", "check that it exists"])
    }

    func testAnEmptyQuestionIsAUsageError() throws {
        let index = try indexSamples()
        for question in ["", "  \t "] {
            let asked = try run(["ask", question, "--index", index])
            XCTAssertEqual(asked.status, 64, asked.stderr)
            XCTAssertTrue(asked.stderr.hasPrefix("Error: the question is empty"), asked.stderr)
            XCTAssertEqual(asked.stdout, "")
        }
    }

    func testHelpForACommandThatDoesNotExistIsAUsageError() throws {
        for arguments in [["help", "serch"], ["help", "topics", "shwo"]] {
            let helped = try run(arguments)
            XCTAssertEqual(helped.status, 64, helped.stderr)
            XCTAssertTrue(helped.stderr.hasPrefix("Error: no command '\(arguments.last!)' to show help for; the commands are "),
                          helped.stderr)
            XCTAssertEqual(helped.stdout, "")
        }
        let listed = try run(["help", "serch"])
        XCTAssertTrue(listed.stderr.contains("index, train, ask"), listed.stderr)
        for arguments in [["help"], ["help", "topics"], ["help", "topics", "show"], ["help", "ask", "--help"]] {
            let helped = try run(arguments)
            XCTAssertEqual(helped.status, 0, helped.stderr)
            XCTAssertTrue(helped.stdout.contains("USAGE: semhash"), helped.stdout)
        }
    }

    func testAnotherIndexsModelIsRefusedForAnIndexWithAVocabularyOfItsOwn() throws {
        let index = try indexSamples()
        let other = path("other.sqlite")
        try write("orbit rocket launch\n", to: path("other/space/a.txt"))
        try write("bread oven crust\n", to: path("other/food/b.txt"))
        XCTAssertEqual(try run(["index", path("other"), "--index", other, "--min-df", "1", "--quiet"] + Self.smallModel).status, 0)
        let before = try IndexStore.open(at: index, mode: .readOnly).modelStamp()
        let refused = try run(["index", Self.samples, "--index", index, "--model", other, "--quiet"])
        XCTAssertEqual(refused.status, 64, refused.stderr)
        XCTAssertTrue(refused.stderr.hasPrefix("Error: --model applies to a new index or one with the same vocabulary: \(index) has a vocabulary of its own"),
                      refused.stderr)
        XCTAssertFalse(refused.stderr.contains("semhash train"), "no advice to retrain a sound model: \(refused.stderr)")
        XCTAssertEqual(try IndexStore.open(at: index, mode: .readOnly).modelStamp(), before)
        assertSound(index)
    }

    func testOptionsThatWouldChangeNothingAreUsageErrors() throws {
        let index = try indexSamples()
        let cases: [([String], String)] = [
            (["add", path("r"), "--format", "reuters", "--strip", "usenet", "--index", index],
             "Error: --strip applies to --format folder and jsonl; reuters is read as it is, so --strip usenet would change nothing"),
            (["eval", "--queries", path("q.txt"), "--format", "questions", "--strip", "none", "--index", index],
             "Error: --strip applies to --format folder and jsonl; questions is read as it is, so --strip none would change nothing"),
            (["topics", "--layout", "pca", "--index", index],
             "Error: --layout applies to the map --plot draws; add --plot <file.svg>"),
        ]
        for (arguments, message) in cases {
            let refused = try run(arguments)
            XCTAssertEqual(refused.status, 64, refused.stderr)
            XCTAssertTrue(refused.stderr.hasPrefix(message), refused.stderr)
        }
        XCTAssertEqual(try IndexStore.open(at: index, mode: .readOnly).loadTopics(), [], "nothing was clustered")
    }

    func testAnEmptyCorpusFolderIsRefused() throws {
        try FileManager.default.createDirectory(atPath: path("empty"), withIntermediateDirectories: true)
        assertOneLineError(try run(["index", path("empty"), "--index", path("e.sqlite"), "--quiet"]),
                           mentioning: ["no documents found in", "check the path and --format"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("e.sqlite")), "a failed first run leaves no empty index")
    }

    func testACorpusOfEmptyFilesIsRefused() throws {
        for name in ["a/one.txt", "b/two.txt", "b/three.txt"] { try write("", to: path("blank/" + name)) }
        try write("  \n\t\n", to: path("blank/b/spaces.txt"))
        assertOneLineError(try run(["index", path("blank"), "--index", path("b.sqlite"), "--quiet"]),
                           mentioning: ["the 4 documents of", "hold no words", "nothing to index"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("b.sqlite")), "a failed first run leaves no empty index")
    }

    func testAFolderOfBinaryFilesIsRefusedAndBinaryFilesAreSkipped() throws {
        try write(Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x00, 0x00, 0x01]), to: path("binary/a/program"))
        try write(Data("PNG\0\0IHDR".utf8), to: path("binary/b/image.png"))
        assertOneLineError(try run(["index", path("binary"), "--index", path("b.sqlite"), "--quiet"]),
                           mentioning: ["no documents found in", "2 files skipped as binary or unreadable"])

        let index = path("mixed.sqlite")
        try FileManager.default.copyItem(atPath: Self.samples, toPath: path("mixed"))
        try write(Data([0x00, 0x01, 0x02, 0xFF]), to: path("mixed/space/blob.bin"))
        let indexed = try run(["index", path("mixed"), "--index", index, "--min-df", "1"] + Self.smallModel)
        assertNoCrash(indexed)
        XCTAssertEqual(indexed.status, 0, indexed.stderr)
        XCTAssertTrue(indexed.stdout.contains("indexed 40 documents"), indexed.stdout)
        XCTAssertTrue(indexed.stdout.contains("1 file skipped (binary or unreadable)"), indexed.stdout)
        XCTAssertTrue(indexed.stderr.contains("warning: skipped space/blob.bin: binary file"), indexed.stderr)
        assertSound(index)
    }

    func testInvalidUTF8AndMixedEncodingsAreReadAsLatin1() throws {
        try write(Data("caf\u{E9} cr\u{E8}me na\u{EF}ve fa\u{E7}ade dessert".unicodeScalars.map { UInt8($0.value) }),
                  to: path("encodings/food/latin1.txt"))
        try write("café crème brûlée dessert sweet", to: path("encodings/food/utf8.txt"))
        try write(Data("mixed café and ".utf8) + Data([0x66, 0x61, 0xE7, 0x61, 0x64, 0x65]) + Data(" rockets".utf8),
                  to: path("encodings/space/mixed.txt"))
        try write("rockets orbit launch", to: path("encodings/space/plain.txt"))
        let utf16 = "Bœuf bourguignon: a stew, naïve and slow"
        try write(Data([0xFF, 0xFE] as [UInt8] + utf16.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }),
                  to: path("encodings/food/windows-unicode.txt"))
        let index = path("encodings.sqlite")
        let indexed = try run(["index", path("encodings"), "--index", index, "--min-df", "1", "--quiet"] + Self.smallModel)
        assertNoCrash(indexed)
        XCTAssertEqual(indexed.status, 0, indexed.stderr)
        XCTAssertTrue(indexed.stdout.contains("2 documents are not valid UTF-8: read as Latin-1 (ISO-8859-1)"),
                      indexed.stdout)

        let asked = try run(["ask", "naïve façade", "--index", index, "-k", "4", "--json"])
        XCTAssertEqual(asked.status, 0, asked.stderr)
        let answer = try json(asked.stdout)
        XCTAssertEqual(answer["out_of_vocabulary"] as? [String], [], "the Latin-1 words are in the vocabulary")
        let snippets = (answer["hits"] as? [[String: Any]])?.compactMap { $0["snippet"] as? String } ?? []
        XCTAssertTrue(snippets.contains { $0.contains("naïve façade") }, "\(snippets)")
        XCTAssertTrue(snippets.contains { $0.contains("and façade rockets") }, "\(snippets)")
        XCTAssertFalse(indexed.stderr.contains("windows-unicode.txt"), "UTF-16 is not skipped as binary: \(indexed.stderr)")
        let stew = try json(try run(["ask", "bourguignon stew", "--index", index, "-k", "1", "--json"]).stdout)
        XCTAssertEqual((stew["hits"] as? [[String: Any]])?.first?["title"] as? String, "Bœuf bourguignon: a stew, naïve and slow")
    }

    func testVeryLongDocumentsAndLinesAreIndexed() throws {
        var generator = SystemRandomNumberGenerator()
        let words = ["rocket", "orbit", "launch", "bread", "oven", "river"] + (0..<500).map { "term\($0)" }
        var line = ""
        line.reserveCapacity(3_100_000)
        while line.utf8.count < 3_000_000 { line += words.randomElement(using: &generator)! + " " }
        try FileManager.default.copyItem(atPath: Self.samples, toPath: path("long"))
        try write(line, to: path("long/space/one-line.txt"))
        try write(String(repeating: "x", count: 3_000_000), to: path("long/space/one-token.txt"))
        let index = path("long.sqlite")
        let indexed = try run(["index", path("long"), "--index", index, "--min-df", "1", "--quiet"] + Self.smallModel)
        assertNoCrash(indexed)
        XCTAssertEqual(indexed.status, 0, indexed.stderr)
        XCTAssertTrue(indexed.stdout.contains("indexed 42 documents"), indexed.stdout)
        let asked = try run(["ask", "rocket orbit", "--index", index, "-k", "3"])
        XCTAssertEqual(asked.status, 0, asked.stderr)
        assertSound(index)
    }

    func testMalformedJSONLNamesTheLine() throws {
        let good = #"{"id": "a", "text": "rockets and orbits", "labels": ["space"]}"#
        let cases: [(line: String, reason: String)] = [
            (#"{"id": "b", "text": "bread"#, "not valid JSON"),
            (#"{"id": "b", "title": "no text"}"#, #"missing required field "text""#),
            (#"{"id": 7, "text": "bread"}"#, #"field "id" must be a string"#),
            (#"{"id": "b", "text": "bread", "labels": "cooking"}"#, #""labels" must be an array of strings"#),
            (#"["b", "bread"]"#, "expected a JSON object"),
            (#"{"id": "b", "text": null}"#, #"field "text" is null"#),
            (#"{"id": "", "text": "bread"}"#, #"field "id" is empty"#),
            (#"{"id": "  ", "text": "bread"}"#, #"field "id" is empty"#),
            (#"{"id": "b\u0000c", "text": "bread"}"#, #"field "id" holds a NUL character (\u0000)"#),
            (#"{"id": "b", "text": "bread", "labels": ["x\u0000"]}"#, #"field "labels" holds a NUL character (\u0000)"#),
        ]
        for (number, bad) in cases.enumerated() {
            let file = path("bad\(number).jsonl")
            try write(good + "\n\n" + bad.line + "\n" + good + "\n", to: file)
            assertOneLineError(try run(["index", file, "--format", "jsonl", "--index", path("j\(number).sqlite"), "--quiet"]),
                               mentioning: ["bad\(number).jsonl:3: \(bad.reason)", "each line must be one JSON object"])
        }
        let latin1 = path("latin1.jsonl")
        try write(Data(#"{"id": "a", "text": "caf"#.utf8) + Data([0xE9]) + Data("\"}\n".utf8), to: latin1)
        assertOneLineError(try run(["index", latin1, "--format", "jsonl", "--index", path("l.sqlite"), "--quiet"]),
                           mentioning: ["latin1.jsonl:1: not valid UTF-8"])
        assertOneLineError(try run(["index", Self.samples, "--format", "jsonl", "--index", path("f.sqlite")]),
                           mentioning: ["is a folder, but the jsonl format reads a single file"])
    }

    func testMalformedSGMLIsReported() throws {
        let record = """
            <REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" NEWID="1">
            <TOPICS><D>grain</D></TOPICS>
            <TEXT><TITLE>WHEAT</TITLE><BODY>Wheat exports rose.</BODY></TEXT>
            </REUTERS>

            """
        try write(record + "<REUTERS TOPICS=\"YES\" LEWISSPLIT=\"TRAIN\" NEWID=\"2\">\n<BODY>cut off", to: path("cut.sgm"))
        assertOneLineError(try run(["index", path("cut.sgm"), "--format", "reuters", "--index", path("r.sqlite"), "--quiet"]),
                           mentioning: ["cut.sgm:5: malformed Reuters SGML: record is not closed by </REUTERS>"])
        try write(record.replacingOccurrences(of: " NEWID=\"1\"", with: ""), to: path("noid.sgm"))
        assertOneLineError(try run(["index", path("noid.sgm"), "--format", "reuters", "--index", path("s.sqlite"), "--quiet"]),
                           mentioning: ["noid.sgm:1: malformed Reuters SGML", "NEWID"])
        try FileManager.default.createDirectory(atPath: path("reuters"), withIntermediateDirectories: true)
        assertOneLineError(try run(["index", path("reuters"), "--format", "reuters", "--index", path("t.sqlite")]),
                           mentioning: ["no reut2-*.sgm files"])
    }

    // MARK: Evaluation labels

    func testEvalNeedsLabelsTheIndexAndTheQueriesShare() throws {
        let labelled = try indexSamples()
        try FileManager.default.createDirectory(atPath: path("one-label"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.samples + "/space", toPath: path("one-label/space"))
        let oneLabel = path("one-label.sqlite")
        XCTAssertEqual(try run(["index", path("one-label"), "--index", oneLabel, "--min-df", "1", "--quiet"] + Self.smallModel).status, 0)
        assertOneLineError(try run(["eval", "--index", oneLabel, "--queries", Self.samples, "--quiet"]),
                           mentioning: ["evaluation needs labels", "carry only one label", "at least two distinct labels"])

        for folder in ["unlabelled", "foreign", "partly"] {
            try FileManager.default.createDirectory(atPath: path(folder), withIntermediateDirectories: true)
        }
        for file in try FileManager.default.subpathsOfDirectory(atPath: Self.samples) where file.hasSuffix(".txt") {
            try FileManager.default.copyItem(atPath: Self.samples + "/" + file,
                                             toPath: path("unlabelled/" + file.replacingOccurrences(of: "/", with: "-")))
        }
        let unlabelled = path("unlabelled.sqlite")
        XCTAssertEqual(try run(["index", path("unlabelled"), "--index", unlabelled, "--min-df", "1", "--quiet"] + Self.smallModel).status, 0)
        assertOneLineError(try run(["eval", "--index", unlabelled, "--queries", Self.samples, "--quiet"]),
                           mentioning: ["evaluation needs labels", "carry no label"])
        assertOneLineError(try run(["eval", "--index", labelled, "--queries", path("unlabelled"), "--quiet"]),
                           mentioning: ["evaluation needs labels: the query documents carry none"])

        try FileManager.default.copyItem(atPath: Self.samples + "/space", toPath: path("foreign/zoology"))
        try FileManager.default.copyItem(atPath: Self.samples + "/cooking", toPath: path("foreign/botany"))
        assertOneLineError(try run(["eval", "--index", labelled, "--queries", path("foreign"), "--quiet"]),
                           mentioning: ["no query label (botany, zoology) is a label of the documents of"])

        try FileManager.default.copyItem(atPath: Self.samples + "/space", toPath: path("partly/space"))
        try FileManager.default.copyItem(atPath: Self.samples + "/cooking", toPath: path("partly/zoology"))
        let partly = try run(["eval", "--index", labelled, "--queries", path("partly")])
        assertNoCrash(partly)
        XCTAssertEqual(partly.status, 0, partly.stderr)
        XCTAssertTrue(partly.stderr.contains("warning: 10 of 20 queries have no label or share none with the index's documents, and were skipped"),
                      partly.stderr)
    }

    // MARK: Files that are not (sound) indexes

    func testFilesThatAreNotIndexesAreRefusedAndLeftAlone() throws {
        try write(String(repeating: "just some text, not a database\n", count: 100), to: path("notes.txt"))
        try write("", to: path("empty.sqlite"))
        do {
            let foreign = try SQLiteConnection(path: path("foreign.sqlite"), access: .readWriteCreate, busyTimeout: .seconds(1))
            try foreign.execute("CREATE TABLE people(name TEXT); INSERT INTO people VALUES ('Ada')")
        }
        for file in ["notes.txt", "empty.sqlite", "foreign.sqlite"] {
            let before = try contents(path(file))
            let indexing = file == "empty.sqlite" ? [] : [["index", Self.samples, "--quiet"]]
            let advice = file == "empty.sqlite" ? ["or run `semhash index` on it"] : []
            for command in Self.commandsOnAnIndex + indexing {
                assertOneLineError(try run(command + ["--index", path(file)]),
                                   mentioning: ["\(path(file)) is not a semhash index", "pass an index built by `semhash index`"]
                                       + advice, command)
            }
            XCTAssertEqual(try contents(path(file)), before, "\(file) is left alone")
        }
        let finished = try run(["index", Self.samples, "--quiet", "--min-df", "1", "--index", path("empty.sqlite")] + Self.smallModel)
        XCTAssertEqual(finished.status, 0, "an empty database is what a killed creation leaves: indexing finishes it")
        XCTAssertEqual(try run(["check", "--index", path("empty.sqlite")]).status, 0)
    }

    func testAnIndexOfANewerFormatAsksForAnUpgrade() throws {
        let index = try indexSamples()
        do {
            let raw = try SQLiteConnection(path: index, access: .readWrite, busyTimeout: .seconds(1))
            try raw.execute("UPDATE meta SET value = '99' WHERE key = 'format_version'")
        }
        let before = try contents(index)
        for command in Self.commandsOnAnIndex + [["index", Self.samples, "--quiet"]] {
            assertOneLineError(try run(command + ["--index", index]),
                               mentioning: ["format version 99", "reads up to version \(IndexFormat.currentVersion)",
                                            "upgrade semhash"], command)
        }
        XCTAssertEqual(try contents(index), before)
    }

    func testAStoredTextConfigurationThatDoesNotReadIsReportedAsCorrupt() throws {
        let index = try indexSamples()
        let text = #"{"locale":"en","maximumTermLength":0,"removesStopWords":true}"#
        try IndexStore.open(at: index, mode: .readWrite).setSetting(.textConfiguration, text)
        for command in [["ask", "rockets"], ["add", Self.samples, "--quiet"], ["eval", "--queries", Self.samples, "--quiet"]] {
            assertOneLineError(try run(command + ["--index", index]),
                               mentioning: ["the index \(index) is corrupt (its text configuration does not read: \(text))"],
                               command)
        }
    }

    func testInfoShowsStoredConfigurationsThatDoNotReadAsStored() throws {
        let index = try indexSamples()
        let text = #"{"locale":"en","maximumTermLength":0,"removesStopWords":true}"#
        // Text that is no configuration, and JSON with a value the configuration refuses (no term at all).
        for vocabulary in ["five thousand terms",
                           #"{"maximumDocumentFrequencyRatio":1,"minimumDocumentFrequency":2,"size":0}"#] {
            do {
                let store = try IndexStore.open(at: index, mode: .readWrite)
                try store.setSetting(.textConfiguration, text)
                try store.setSetting(.vocabularyConfiguration, vocabulary)
            }
            let info = try run(["info", "--index", index, "--json"])
            assertNoCrash(info)
            XCTAssertEqual(info.status, 0, info.stderr)
            let settings = try XCTUnwrap(try json(info.stdout)["settings"] as? [String: Any])
            XCTAssertEqual(settings["text_configuration"] as? String, text)
            XCTAssertEqual(settings["vocabulary_configuration"] as? String, vocabulary)
            let printed = try run(["info", "--index", index])
            assertNoCrash(printed)
            XCTAssertEqual(printed.status, 0, printed.stderr)
            XCTAssertTrue(printed.stdout.contains("setting     vocabulary_configuration = \(vocabulary) (unreadable)\n"),
                          printed.stdout)
        }
    }

    func testATruncatedIndexIsReportedAsCorrupt() throws {
        let index = try indexSamples()
        let bytes = try contents(index)
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: index))
        for command in Self.commandsOnAnIndex.filter({ $0 != ["check"] }) + [["index", Self.samples, "--quiet"]] {
            let pristine = try contents(index)
            assertOneLineError(try run(command + ["--index", index]),
                               mentioning: ["the index \(index) is corrupt", "move it aside and build it again with `semhash index`"], command)
            try pristine.write(to: URL(fileURLWithPath: index))
        }
        // Finding damage is what check is for: its finding, on standard output, with status 2.
        let check = try run(["check", "--index", index])
        assertNoCrash(check)
        XCTAssertEqual(check.status, 2)
        XCTAssertEqual(check.stderr, "")
        XCTAssertTrue(check.stdout.hasPrefix("the index \(index) is corrupt ("), check.stdout)
        XCTAssertTrue(check.stdout.hasSuffix("; move it aside and build it again with `semhash index`\n"), check.stdout)
    }

    func testADamagedModelIsReportedAndCheckFindsIt() throws {
        let index = try indexSamples()
        let weights = try storedBlob("SELECT weights FROM model", in: index)
        try overwrite(index, at: try offset(of: weights[(weights.count / 2)..<(weights.count / 2 + 64)], in: index),
                      with: Data(repeating: 0xFF, count: 256))
        let damaged = try contents(index)
        for command in [["ask", "rockets"], ["similar", "space/launch-window.txt"], ["add", Self.samples, "--quiet"],
                        ["topics", "--count", "2", "--quiet"], ["eval", "--queries", Self.samples, "--quiet"]] {
            assertOneLineError(try run(command + ["--index", index]),
                               mentioning: ["the model's checksum does not match its contents", "retrain"], command)
            XCTAssertEqual(try contents(index), damaged, "\(command) leaves the index as it was")
        }
        let check = try run(["check", "--index", index])
        assertNoCrash(check)
        XCTAssertEqual(check.status, 2)
        XCTAssertEqual(check.stdout, "\(index): the model cannot be used: the model's checksum does not match its contents;"
                       + " the file is damaged, retrain or copy it again\n")
        let retrained = try run(["train", "--index", index, "--quiet"] + Self.smallModel)
        XCTAssertEqual(retrained.status, 0, retrained.stderr)
        assertSound(index)
    }

    func testDamagedCodePagesAreReportedWithoutACrash() throws {
        let index = try indexSamples()
        let code = try storedBlob("SELECT code FROM codes ORDER BY document_id LIMIT 1 OFFSET 20", in: index)
        let pageSize = 4096
        let page = try offset(of: code[...], in: index) / pageSize * pageSize
        try overwrite(index, at: page + 3000, with: Data(repeating: 0x7F, count: 600))
        let damaged = try contents(index)
        for command in [["ask", "rockets"], ["train", "--quiet"] + Self.smallModel, ["topics", "--count", "2", "--quiet"],
                        ["eval", "--queries", Self.samples, "--quiet"]] {
            assertOneLineError(try run(command + ["--index", index]),
                               mentioning: ["the index \(index) is corrupt", "move it aside and build it again with `semhash index`"], command)
            try damaged.write(to: URL(fileURLWithPath: index))
        }
        let check = try run(["check", "--index", index])
        assertNoCrash(check)
        XCTAssertEqual(check.status, 2)
        XCTAssertTrue(check.stdout.contains("database disk image is malformed"), check.stdout)
        let lines = check.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, Set(lines).count, "each problem is reported once: \(check.stdout)")
    }

    // MARK: Training

    func testDivergedTrainingStopsWithAdviceAndKeepsTheIndex() throws {
        let index = try indexSamples()
        let before = try contents(index)
        let fineTuning = try run(["train", "--index", index, "--quiet", "--layers", "32", "--code", "8",
                                  "--fine-tune-epochs", "3", "--fine-tune-learning-rate", "1e6"])
        assertOneLineError(fineTuning, mentioning: ["training diverged during fine-tuning", "NaN or infinite",
                                                    "lower the fine-tuning learning rate with --fine-tune-learning-rate"])
        let pretraining = try run(["train", "--index", index, "--quiet", "--layers", "32", "--code", "8",
                                   "--pretrain-epochs", "1", "--pretrain-learning-rate-scale", "1e6",
                                   "--fine-tune-epochs", "1"])
        assertOneLineError(pretraining, mentioning: ["training diverged", "NaN or infinite", "--pretrain-learning-rate-scale"])
        XCTAssertEqual(try contents(index), before)
        assertSound(index)

        let fresh = path("fresh.sqlite")
        let indexed = try run(["index", Self.samples, "--index", fresh, "--min-df", "1", "--quiet", "--layers", "32",
                               "--code", "8", "--fine-tune-epochs", "3", "--fine-tune-learning-rate", "1e6"])
        assertOneLineError(indexed, mentioning: ["training diverged during fine-tuning"])
        let info = try json(try run(["info", "--index", fresh, "--json"]).stdout)
        XCTAssertEqual(info["documents"] as? Int, 40, "the documents stay, ready for `semhash train`")
        assertSound(fresh)
    }

    func testAnAnswerShowsAFolderDocumentsTitleOnceNotAgainInItsSnippet() throws {
        let index = try indexSamples()
        let asked = try json(try run(["ask", "choosing a launch window for mars", "--index", index, "-k", "1", "--json"]).stdout)
        let hit = try XCTUnwrap((asked["hits"] as? [[String: Any]])?.first)
        XCTAssertEqual(hit["title"] as? String, "Choosing a launch window")
        XCTAssertTrue((hit["snippet"] as? String)?.hasPrefix("A rocket cannot leave for Mars") == true, "\(hit)")
    }

    func testEvalNotesQueriesWithoutAVocabularyWordAndQueriesTheIndexHolds() throws {
        let index = try indexSamples()
        let queries = path("queries.jsonl")
        try write(#"{"id": "q1", "text": "zyzzyva", "labels": ["space"]}"# + "\n"
                  + #"{"id": "q2", "text": "rockets and orbits", "labels": ["space"]}"# + "\n", to: queries)
        let evaluated = try run(["eval", "--queries", queries, "--format", "jsonl", "--index", index])
        XCTAssertEqual(evaluated.status, 0, evaluated.stderr)
        XCTAssertTrue(evaluated.stderr.contains("note: 1 of 2 queries has no word of the index's vocabulary"), evaluated.stderr)
        XCTAssertFalse(evaluated.stderr.contains("documents of the index"), evaluated.stderr)
        let all = try run(["eval", "--queries", Self.samples, "--index", index])
        XCTAssertFalse(all.stderr.contains("no word of the index's vocabulary"), all.stderr)
        XCTAssertTrue(all.stderr.contains("note: 40 of 40 queries are documents of the index (the same id)"), all.stderr)
    }

    func testAnIndexWhoseDocumentsWereAllRemovedSaysSo() throws {
        let index = try indexSamples()
        let ids = try XCTUnwrap(FileManager.default.enumerator(atPath: Self.samples)?.allObjects as? [String])
            .filter { $0.hasSuffix(".txt") }
        XCTAssertEqual(ids.count, 40)
        XCTAssertEqual(try run(["remove"] + ids + ["--index", index]).status, 0)
        assertOneLineError(try run(["topics", "--count", "2", "--index", index, "--quiet"]),
                           mentioning: ["there are no documents to find topics in"])
        assertOneLineError(try run(["train", "--index", index, "--quiet"] + Self.smallModel),
                           mentioning: ["no training document contains a vocabulary word; add documents"])
    }

    func testAnIndexWithoutModelOrTopicsSaysWhatToRun() throws {
        let index = path("untrained.sqlite")
        let indexed = try run(["index", Self.samples, "--index", index, "--min-df", "1", "--quiet", "--layers", "32",
                               "--code", "8", "--fine-tune-epochs", "3", "--fine-tune-learning-rate", "1e6"])
        XCTAssertNotEqual(indexed.status, 0, "training diverges, leaving the documents without a model")
        let needsTraining = ["has no trained model yet", "semhash train --index \(index)"]
        assertOneLineError(try run(["ask", "rockets", "--index", index]), mentioning: needsTraining)
        assertOneLineError(try run(["add", Self.samples, "--index", index, "--quiet"]), mentioning: needsTraining)
        assertOneLineError(try run(["eval", "--queries", Self.samples, "--index", index, "--quiet"]),
                           mentioning: ["nothing to evaluate", "semhash train --index \(index)", "--baseline"])
        assertOneLineError(try run(["topics", "show", "0", "--index", index]),
                           mentioning: ["the index has no topics yet: run `semhash topics` first"])
        let sampled = try indexSamples()
        XCTAssertEqual(try run(["topics", "--count", "2", "--index", sampled, "--quiet"]).status, 0)
        assertOneLineError(try run(["topics", "show", "7", "--index", sampled]), mentioning: ["no topic 7: topics are 0…1"])
    }

    // MARK: Full disk and read-only indexes

    func testAFullDiskIsReportedAndTheIndexIsIntact() throws {
        let index = try indexSamples()
        let before = try contents(index)
        let mountPoint = try mountTemporaryFileSystem(bytes: before.count + 32_768)
        defer { unmount(mountPoint) }
        let small = mountPoint + "/full.sqlite"
        try FileManager.default.copyItem(atPath: index, toPath: small)
        for number in 0..<30 {
            try write((0..<2000).map { "word\(($0 * 7 + number) % 600)" }.joined(separator: " "),
                      to: path("more/x/doc\(number).txt"))
        }
        let added = try run(["add", path("more"), "--index", small, "--quiet"])
        assertOneLineError(added, mentioning: ["the disk is full while writing \(small)", "free some space and run the command again (a training it stopped continues with --resume)"])
        XCTAssertEqual(try contents(small), before)
        assertSound(small)
    }

    func testAReadOnlyIndexRefusesWritesAndStillAnswers() throws {
        let index = try indexSamples()
        if geteuid() == 0 {
            guard shell("/usr/bin/chattr", ["+i", index]) == 0 else {
                throw XCTSkip("running as root, where chmod cannot deny writes, and chattr +i is not supported here")
            }
        } else {
            XCTAssertEqual(chmod(index, 0o444), 0)
        }
        defer {
            if geteuid() == 0 { _ = shell("/usr/bin/chattr", ["-i", index]) }
            chmod(index, 0o644)
        }
        let before = try contents(index)
        for command in Self.writingCommands {
            assertOneLineError(try run(command + ["--index", index]),
                               mentioning: ["the index \(index) is read-only", "make them writable, or work on a copy"],
                               command)
        }
        XCTAssertEqual(try contents(index), before)
        for command in [["info"], ["ask", "rockets"], ["check"]] {
            let outcome = try run(command + ["--index", index])
            XCTAssertEqual(outcome.status, 0, "\(command): \(outcome.stderr)")
        }
    }

    func testAnIndexOnReadOnlyMediaAnswersAndRefusesWrites() throws {
        let index = try indexSamples()
        let mountPoint = try mountTemporaryFileSystem(bytes: 2_000_000)
        defer { unmount(mountPoint) }
        let mounted = mountPoint + "/samples.sqlite"
        try FileManager.default.copyItem(atPath: index, toPath: mounted)
        guard shell("/usr/bin/mount", ["-o", "remount,ro", mountPoint]) == 0 else {
            throw XCTSkip("cannot remount \(mountPoint) read-only here")
        }
        for command in [["info"], ["ask", "rockets"], ["check"], ["similar", "space/launch-window.txt"],
                        ["eval", "--queries", Self.samples, "--quiet"]] {
            let outcome = try run(command + ["--index", mounted])
            assertNoCrash(outcome)
            XCTAssertEqual(outcome.status, 0, "\(command): \(outcome.stderr)")
        }
        for command in Self.writingCommands {
            assertOneLineError(try run(command + ["--index", mounted]),
                               mentioning: ["the index \(mounted) is read-only"], command)
        }
    }

    // MARK: Progress and errors on a terminal

    func testAnErrorAfterProgressStartsOnItsOwnLineOnATerminal() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else {
            throw XCTSkip("script(1) is not installed: no pseudo-terminal to run semhash in")
        }
        let file = path("bad.jsonl")
        try write(#"{"id": "a", "text": "rockets"}"# + "\n" + #"{"id": "b""# + "\n", to: file)
        let executable = Self.productsDirectory.appendingPathComponent("semhash").path
        let command = [executable, "index", file, "--format", "jsonl", "--index", path("t.sqlite")].joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", command, "/dev/null"]
        process.currentDirectoryURL = directory
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertNotEqual(process.terminationStatus, 0, text)
        // A terminal ends lines with "\r\n"; the progress line itself starts with "\r".
        let errorLine = text.split(whereSeparator: { $0 == "\r" || $0 == "\n" || $0 == "\r\n" })
            .first { $0.contains("Error: ") }
        XCTAssertEqual(errorLine?.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("Error: "), true,
                       "the error shares a line with progress: \(text.debugDescription)")
    }

    // MARK: Helpers

    /// Asserts a failure with a one-line "Error: …" on stderr that contains every fragment, and no crash.
    private func assertOneLineError(_ outcome: Outcome, mentioning fragments: [String], _ command: [String] = [],
                                    file: StaticString = #filePath, line: UInt = #line) {
        let context = "\(command.prefix(2)): \(outcome.stderr)"
        assertNoCrash(outcome, file: file, line: line)
        XCTAssertNotEqual(outcome.status, 0, context, file: file, line: line)
        XCTAssertNotEqual(outcome.status, 64, "a usage error instead of an error about the input: \(context)",
                          file: file, line: line)
        let lines = outcome.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        XCTAssertEqual(lines.count, 1, "one line: \(context)", file: file, line: line)
        XCTAssertTrue(outcome.stderr.hasPrefix("Error: "), context, file: file, line: line)
        for fragment in fragments {
            XCTAssertTrue(outcome.stderr.contains(fragment), "missing '\(fragment)' in \(context)", file: file, line: line)
        }
    }

    private func assertNoCrash(_ outcome: Outcome, file: StaticString = #filePath, line: UInt = #line) {
        for sign in ["Fatal error", "Precondition failed", "Swift runtime failure", "Backtrac", "Signal "] {
            XCTAssertFalse(outcome.stderr.contains(sign), outcome.stderr, file: file, line: line)
        }
        XCTAssertLessThan(outcome.status, 128, "killed by a signal: \(outcome.stderr)", file: file, line: line)
    }

    /// Asserts that `semhash check` finds the index sound.
    private func assertSound(_ index: String, file: StaticString = #filePath, line: UInt = #line) {
        do {
            let check = try run(["check", "--index", index])
            XCTAssertEqual(check.status, 0, check.stdout + check.stderr, file: file, line: line)
            XCTAssertTrue(check.stdout.contains(": sound ("), check.stdout, file: file, line: line)
        } catch {
            XCTFail("\(error)", file: file, line: line)
        }
    }

    private func write(_ text: String, to path: String) throws { try write(Data(text.utf8), to: path) }

    private func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    private func contents(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    /// The first column of the first row of `sql` in the index at `path`, read as a blob.
    private func storedBlob(_ sql: String, in path: String) throws -> Data {
        let connection = try SQLiteConnection(path: path, access: .readOnly, busyTimeout: .seconds(1))
        return try connection.withStatement(sql) { statement throws(IndexError) in
            _ = try statement.step()
            return Data(statement.blob(at: 0))
        }
    }

    /// Where `bytes` first occur in the file at `path`.
    private func offset(of bytes: Data, in path: String) throws -> Int {
        try XCTUnwrap(try contents(path).firstRange(of: bytes)?.lowerBound, "the bytes are not stored verbatim")
    }

    private func overwrite(_ path: String, at offset: Int, with bytes: Data) throws {
        var data = try contents(path)
        data.replaceSubrange(offset..<(offset + bytes.count), with: bytes)
        try data.write(to: URL(fileURLWithPath: path))
    }

    /// Mounts a tmpfs of `bytes` in the scratch folder; skips the test where mounting is not allowed.
    private func mountTemporaryFileSystem(bytes: Int) throws -> String {
        let mountPoint = path("mount")
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        guard geteuid() == 0, shell("/usr/bin/mount", ["-t", "tmpfs", "-o", "size=\(bytes)", "tmpfs", mountPoint]) == 0 else {
            throw XCTSkip("cannot mount a small tmpfs here (needs root and mount rights) to run out of space on")
        }
        return mountPoint
    }

    private func unmount(_ mountPoint: String) {
        _ = shell("/usr/bin/umount", [mountPoint])
    }

    /// Runs a system tool quietly and returns its exit status (-1 when it cannot run).
    private func shell(_ tool: String, _ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
